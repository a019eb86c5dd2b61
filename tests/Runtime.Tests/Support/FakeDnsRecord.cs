using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Loopwire.Tests.Support;

/// <summary>
/// Resource records in wire form for <see cref="FakeDnsQuery.Answer"/>. A null owner is the question's name, written
/// as a compression pointer to it (offset 12), as servers write it.
/// </summary>
internal static class FakeDnsRecord
{
    public static byte[] A(string address, int ttl = 300, string? owner = null) => Record(owner, 1, ttl, IPAddress.Parse(address).GetAddressBytes());

    public static byte[] Aaaa(string address, int ttl = 300, string? owner = null) => Record(owner, 28, ttl, IPAddress.Parse(address).GetAddressBytes());

    public static byte[] Cname(string target, int ttl = 300, string? owner = null) => Record(owner, 5, ttl, Name(target));

    public static byte[] Ns(string server) => Record(null, 2, 300, Name(server));

    public static byte[] Ptr(string target) => Record(null, 12, 300, Name(target));

    public static byte[] Mx(int priority, string exchange) => Record(null, 15, 300, [.. UInt16(priority), .. Name(exchange)]);

    public static byte[] Srv(int priority, int weight, int port, string target) =>
        Record(null, 33, 300, [.. UInt16(priority), .. UInt16(weight), .. UInt16(port), .. Name(target)]);

    public static byte[] Txt(params string[] strings) =>
        Record(null, 16, 300, strings.SelectMany(text => (byte[])[(byte)text.Length, .. Encoding.ASCII.GetBytes(text)]).ToArray());

    public static byte[] Soa(string nsName, string hostmaster, params uint[] numbers) =>
        Record(null, 6, 300, [.. Name(nsName), .. Name(hostmaster), .. numbers.SelectMany(number => UInt32(number))]);

    /// <summary>A record of any type with data as given, length and all, for answers that are wrong on purpose.</summary>
    public static byte[] Raw(byte[] owner, int type, int ttl, int dataLength, byte[] data) =>
        [.. owner, .. UInt16(type), .. UInt16(1), .. UInt32((uint)ttl), .. UInt16(dataLength), .. data];

    /// <summary>A name in wire form, uncompressed.</summary>
    public static byte[] Name(string name) =>
        [.. name.Split('.', StringSplitOptions.RemoveEmptyEntries).SelectMany(label => (byte[])[(byte)label.Length, .. Encoding.ASCII.GetBytes(label)]), 0];

    private static byte[] Record(string? owner, int type, int ttl, byte[] data) =>
        Raw(owner is null ? [0xC0, 12] : Name(owner), type, ttl, data.Length, data);

    private static byte[] UInt16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
