namespace Loopwire.Processes;

/// <summary>
/// What a <see cref="ProcessReadable"/> reports to: the <see cref="ChildProcess"/> whose stdout or stderr it is, or
/// this process's stdin (<see cref="EventLoop.Stdin"/>), which keeps the loop alive while it is read.
/// </summary>
internal interface IPipeOwner
{
    /// <summary>The loop the stream belongs to.</summary>
    EventLoop Loop { get; }

    /// <summary>A read completed: anything the owner must emit before the stream's events comes first (a child's 'spawn').</summary>
    void OnPipeRead();

    /// <summary>The stream now wants data (it flows, is not paused, has not ended), or no longer does.</summary>
    void OnWantsData(bool wants);

    /// <summary>The stream ended, failed or was destroyed, and has emitted 'close'.</summary>
    void OnStreamDone();
}
