namespace Loopwire;

/// <summary>The framing around deflate data, as Node's zlib modes.</summary>
internal enum ZlibFormat
{
    /// <summary>RFC 1952 (<c>GZIP</c>, <c>GUNZIP</c>): a header, the data, a CRC-32 and the length.</summary>
    Gzip,

    /// <summary>RFC 1950 (<c>DEFLATE</c>, <c>INFLATE</c>): a two-byte header, the data, an Adler-32.</summary>
    Zlib,

    /// <summary>RFC 1951 (<c>DEFLATERAW</c>, <c>INFLATERAW</c>): the data alone.</summary>
    Raw,

    /// <summary>Node's <c>UNZIP</c>: gzip or zlib, told apart by the first two bytes.</summary>
    Detect,
}
