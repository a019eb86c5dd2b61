namespace Loopwire.Generators.Models;

/// <summary>An <c>[OnEvent&lt;T&gt;]</c> handler: a method <c>Attach</c> subscribes to an emitter's event.</summary>
/// <param name="MethodName">The handler, escaped when it is a keyword.</param>
/// <param name="Emitter">The <c>Attach</c> parameter holding the emitter.</param>
/// <param name="EventMethodName">The event's method on the emitter, which names its On and Off members.</param>
/// <param name="ListenerType">The delegate type the handler is subscribed as (<c>Action&lt;...&gt;</c>, or <c>Func&lt;..., Task&gt;</c> for an async handler).</param>
internal sealed record SubscriptionModel(string MethodName, string Emitter, string EventMethodName, string ListenerType);
