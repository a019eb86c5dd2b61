namespace Loopwire.Events;

/// <summary>How a generated subscription surface (<c>On</c>, <c>Once</c>, <c>Prepend</c>, ...) changes a listener list.</summary>
public enum ListenerMode
{
    /// <summary>Appends the listener (Node's <c>on</c>).</summary>
    On,

    /// <summary>Appends a listener that is removed before its first call (Node's <c>once</c>).</summary>
    Once,

    /// <summary>Inserts the listener first (Node's <c>prependListener</c>).</summary>
    Prepend,

    /// <summary>Inserts first a listener that is removed before its first call (Node's <c>prependOnceListener</c>).</summary>
    PrependOnce,

    /// <summary>Removes the most recently added equal listener (Node's <c>off</c>).</summary>
    Off,
}
