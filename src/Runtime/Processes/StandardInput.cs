namespace Loopwire.Processes;

/// <summary>
/// This process's stdin as a handle, as libuv opens fd 0 for Node's <c>process.stdin</c>: active, so keeping the loop
/// alive, while its stream (<see cref="EventLoop.Stdin"/>) wants data, that is while it flows unpaused and has not
/// ended; closed once the stream is done. As Node's (<c>manualStart</c>), nothing is read before the stream flows, so
/// an unread stdin neither keeps the loop alive nor takes input meant for someone else.
/// </summary>
internal sealed class StandardInput : Handle, IPipeOwner
{
    /// <summary>Opens <paramref name="input"/> as the loop's stdin.</summary>
    public StandardInput(EventLoop loop, Stream input)
        : base(loop)
    {
        Stream = new ProcessReadable(this, input);
    }

    /// <summary>The readable stream over it.</summary>
    public ProcessReadable Stream { get; }

    void IPipeOwner.OnPipeRead()
    {
        // Nothing precedes stdin's events.
    }

    void IPipeOwner.OnWantsData(bool wants) => SetActive(wants);

    void IPipeOwner.OnStreamDone() => Close();

    private protected override void OnClosing()
    {
        // The stream has closed its pipe by the time it reports done.
    }
}
