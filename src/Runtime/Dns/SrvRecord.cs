namespace Loopwire;

/// <summary>A service record, as an element of Node's <c>dns.resolveSrv</c> answer (<c>{ name, port, priority, weight }</c>).</summary>
/// <param name="Name">The target host's name.</param>
/// <param name="Port">The service's port on it.</param>
/// <param name="Priority">Lower is tried first.</param>
/// <param name="Weight">Among records of one priority, the share of load to give this one.</param>
public sealed record SrvRecord(string Name, int Port, int Priority, int Weight);
