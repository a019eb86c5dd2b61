using System.Globalization;
using System.Text;

namespace Loopwire.Http;

/// <summary>
/// The <c>Date</c> header line, formatted once a second, as Node caches its <c>utcDate()</c>: a busy server formats
/// it once, not for every response. Per thread, since every loop has its own.
/// </summary>
internal static class HttpDate
{
    [ThreadStatic]
    private static byte[]? t_line;

    [ThreadStatic]
    private static long t_second;

    /// <summary><c>Date: Mon, 23 Nov 2026 09:00:00 GMT</c> and CRLF, for the current second.</summary>
    public static ReadOnlySpan<byte> Line
    {
        get
        {
            DateTime now = DateTime.UtcNow;
            long second = now.Ticks / TimeSpan.TicksPerSecond;
            if (t_line is null || second != t_second)
            {
                t_second = second;
                t_line = Encoding.ASCII.GetBytes("Date: " + now.ToString("r", CultureInfo.InvariantCulture) + "\r\n");
            }

            return t_line;
        }
    }
}
