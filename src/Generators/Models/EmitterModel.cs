using Loopwire.Generators.Helpers;

namespace Loopwire.Generators.Models;

/// <summary>Everything the source emitter needs to generate one emitter class; equatable, holds no symbols or syntax.</summary>
/// <param name="Hierarchy">Where the class sits.</param>
/// <param name="Events">Its events, in declaration order.</param>
/// <param name="ErrorTakesException">Whether its <c>error</c> event takes one exception, so faulted async listeners can be routed to it (E9).</param>
internal sealed record EmitterModel(HierarchyInfo Hierarchy, EquatableArray<EventModel> Events, bool ErrorTakesException);
