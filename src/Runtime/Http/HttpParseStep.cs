namespace Loopwire.Http;

/// <summary>What one <see cref="HttpParser.Read"/> or <see cref="HttpParser.Finish"/> reports.</summary>
internal enum HttpParseStep
{
    /// <summary>Every byte given was consumed and there is nothing to report yet.</summary>
    NeedMore,

    /// <summary>A message head was read; the parser's head properties describe it until the next one.</summary>
    HeadComplete,

    /// <summary>Body bytes are at <see cref="HttpParser.BodyStart"/> for <see cref="HttpParser.BodyLength"/> in the data given.</summary>
    Body,

    /// <summary>The message is done, after its body and any chunked trailers (<see cref="HttpParser.RawTrailers"/>).</summary>
    MessageComplete,

    /// <summary>The input is bad: <see cref="HttpParser.Error"/> says why, and every later call reports it again.</summary>
    Error,
}
