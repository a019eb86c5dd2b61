using System.Runtime.CompilerServices;
using System.Text;
using Loopwire.Http;

namespace Loopwire.Tests;

/// <summary>
/// What parsing costs the server per request: a typical request allocates only its header values and the list that
/// holds them; the method, the URL "/" and the common header names are literals, and nothing else is allocated.
/// </summary>
public sealed class HttpParserAllocationTests
{
    private const int WarmUpRounds = 300;
    private const int MeasuredRounds = 1000;
    private const int Windows = 3;

    [Fact]
    public void A_typical_request_allocates_only_its_header_values_and_their_list()
    {
        byte[] request = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: wrk\r\nAccept: */*\r\n\r\n");
        var parser = new HttpParser(HttpParserKind.Request);

        long perRequest = AllocatedPerRound(() => ParseOne(parser, request));

        // On 64-bit: List<string> 32 bytes and its string[16] 152; "localhost:8080" 56, "wrk" and "*/*" 32 each.
        Assert.InRange(perRequest, 1, 32 + 152 + 56 + 32 + 32);
        Assert.Same("Accept", parser.RawHeaders[4]);
    }

    [Fact]
    public void A_request_split_across_reads_returns_what_it_rented()
    {
        byte[] request = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: wrk\r\nAccept: */*\r\n\r\n");
        var parser = new HttpParser(HttpParserKind.Request);

        // The split line is gathered in a pooled buffer, returned at the end of the head: renting it again costs nothing.
        long perRequest = AllocatedPerRound(() =>
        {
            if (parser.Read(request.AsSpan(0, 20), out _) != HttpParseStep.NeedMore)
            {
                throw new InvalidOperationException("the first piece was not gathered");
            }

            ParseOne(parser, request.AsSpan(20).ToArray());
        });

        Assert.InRange(perRequest, 1, 32 + 152 + 56 + 32 + 32 + 80); // and the test's own copy of the rest: 50 bytes, 80
    }

    // Checked without Assert, whose comparers allocate.
    private static void ParseOne(HttpParser parser, byte[] request)
    {
        if (parser.Read(request, out int consumed) != HttpParseStep.HeadComplete
            || parser.Read(request.AsSpan(consumed), out _) != HttpParseStep.MessageComplete)
        {
            throw new InvalidOperationException("the request did not parse");
        }
    }

    /// <summary>The fewest bytes a round allocated, over a few windows after a warm-up, as AllocationTests measures.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long AllocatedPerRound(Action round)
    {
        for (int i = 0; i < WarmUpRounds; i++)
        {
            round();
        }

        long least = long.MaxValue;
        for (int window = 0; window < Windows; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < MeasuredRounds; i++)
            {
                round();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least / MeasuredRounds;
    }
}
