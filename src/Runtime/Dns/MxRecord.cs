namespace Loopwire;

/// <summary>A mail exchange record, as an element of Node's <c>dns.resolveMx</c> answer (<c>{ exchange, priority }</c>).</summary>
/// <param name="Exchange">The mail server's name.</param>
/// <param name="Priority">Its preference: lower is tried first.</param>
public sealed record MxRecord(string Exchange, int Priority);
