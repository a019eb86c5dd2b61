namespace Loopwire.Http;

/// <summary>What <see cref="HttpFetch.FetchAsync"/> does with a redirect (301, 302, 303, 307, 308 with a <c>Location</c>): fetch's <c>redirect</c> option.</summary>
public enum FetchRedirect
{
    /// <summary>Follows it, up to 20 in a row (fetch's <c>"follow"</c>, the default).</summary>
    Follow,

    /// <summary>Fails the fetch with <c>unexpected redirect</c> (fetch's <c>"error"</c>).</summary>
    Error,

    /// <summary>Returns the redirect response itself (fetch's <c>"manual"</c>, as Node gives it: status and <c>Location</c> readable).</summary>
    Manual,
}
