using System.Threading.Channels;
using Loopwire.Benchmarks.Compare;

namespace Loopwire.Benchmarks.Loop;

/// <summary>The floor for <see cref="PostThreadsScenario"/>: the same producers writing into a bare unbounded channel, one consumer thread.</summary>
public sealed class ChannelHandOffScenario : CompareScenario
{
    public override string Name => "channel";

    public override string NodeScript => "";

    public override long Operations => PostThreadsScenario.Producers * PostThreadsScenario.PostsPerProducer;

    public override void Run()
    {
        Channel<Action> channel = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
        int count = 0;
        Action increment = () => count++;
        Thread[] producers = Enumerable.Range(0, PostThreadsScenario.Producers)
            .Select(_ => new Thread(() =>
            {
                for (int i = 0; i < PostThreadsScenario.PostsPerProducer; i++)
                {
                    channel.Writer.TryWrite(increment);
                }
            }))
            .ToArray();
        foreach (Thread producer in producers)
        {
            producer.Start();
        }

        while (count < Operations)
        {
            while (channel.Reader.TryRead(out Action? item))
            {
                item();
            }

            if (count < Operations)
            {
                channel.Reader.WaitToReadAsync().AsTask().Wait();
            }
        }

        foreach (Thread producer in producers)
        {
            producer.Join();
        }
    }
}
