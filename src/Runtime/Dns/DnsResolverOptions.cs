namespace Loopwire;

/// <summary>Settings for a new <see cref="DnsResolver"/>, as Node's <c>new dns.Resolver({ timeout, tries })</c>.</summary>
public sealed class DnsResolverOptions
{
    /// <summary>c-ares' own timeout, which Node 20 uses for <c>timeout: -1</c> (and 0).</summary>
    internal const int DefaultTimeout = 2000;

    private int _timeout = -1;
    private int _tries = 4;

    /// <summary>
    /// Milliseconds a server is given to answer the first time it is asked; each later round over the servers doubles
    /// it. -1 (the default) or 0 is c-ares' default, 2000 ms, as in Node.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below -1.</exception>
    public int Timeout
    {
        get => _timeout;
        set
        {
            if (value < -1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Timeout must be >= -1 && <= 2147483647; -1 is the default, 2000 ms (Node's ERR_OUT_OF_RANGE).");
            }

            _timeout = value;
        }
    }

    /// <summary>How many times each server is asked before the query fails; 4 by default, as in Node.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int Tries
    {
        get => _tries;
        set
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Tries must be >= 1 && <= 2147483647 (Node's ERR_OUT_OF_RANGE).");
            }

            _tries = value;
        }
    }
}
