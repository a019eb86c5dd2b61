using System.Net;
using System.Net.Sockets;
using Loopwire.Net;

namespace Loopwire.Tests;

/// <summary>
/// Name lookups on the pool, completing on the loop (L12), as Node's dns.lookup. Only names this machine answers
/// itself (localhost, address literals): tests never depend on a network resolver.
/// </summary>
public sealed class DnsTests
{
    [Fact]
    public void Localhost_resolves_to_a_loopback_address_on_the_loop_thread()
    {
        // L12: the resolver blocks, so it runs on the pool; the callback runs on the loop
        using var loop = new EventLoop();
        int loopThread = Environment.CurrentManagedThreadId;
        IPAddress? first = null;
        IPAddress[]? all = null;
        bool onLoop = true;

        loop.Dns.Lookup("localhost", (error, address) => { first = address ?? throw error!; onLoop &= Environment.CurrentManagedThreadId == loopThread; });
        loop.Dns.LookupAll("localhost", (error, addresses) => { all = addresses ?? throw error!; onLoop &= Environment.CurrentManagedThreadId == loopThread; });

        Assert.False(loop.Run());
        Assert.True(IPAddress.IsLoopback(first!));
        Assert.NotEmpty(all!);
        Assert.All(all!, address => Assert.True(IPAddress.IsLoopback(address)));
        Assert.True(onLoop);
    }

    [Fact]
    public void An_address_literal_is_its_own_answer_and_the_family_filters()
    {
        // L12: as getaddrinfo, a literal needs no resolver; Node's family option picks IPv4 or IPv6
        IPAddress? literal = null;
        IPAddress[]? ipv4 = null;
        Exception? wrongFamily = null;

        int exitCode = EventLoop.RunMain(async loop =>
        {
            literal = await loop.Dns.LookupAsync("127.0.0.1");
            ipv4 = await loop.Dns.LookupAllAsync("localhost", AddressFamily.InterNetwork);
            wrongFamily = await Record.ExceptionAsync(() => loop.Dns.LookupAsync("127.0.0.1", AddressFamily.InterNetworkV6).AsTask());
        });

        Assert.Equal(0, exitCode);
        Assert.Equal(IPAddress.Loopback, literal);
        Assert.All(ipv4!, address => Assert.Equal(AddressFamily.InterNetwork, address.AddressFamily));
        var lookupError = Assert.IsType<NetException>(wrongFamily);
        Assert.StartsWith("getaddrinfo E", lookupError.Message);
        Assert.EndsWith(" 127.0.0.1", lookupError.Message);
        Assert.Equal("getaddrinfo", lookupError.Syscall);
    }

    [Theory]
    [InlineData(SocketError.HostNotFound, "getaddrinfo ENOTFOUND example.invalid")]
    [InlineData(SocketError.NoData, "getaddrinfo ENOTFOUND example.invalid")]
    [InlineData(SocketError.TryAgain, "getaddrinfo EAI_AGAIN example.invalid")]
    public void Resolver_failures_are_worded_as_Node_words_them(SocketError failure, string message)
    {
        // Node's dns.lookup errors: getaddrinfo CODE hostname, with code, syscall and hostname as fields
        var error = DnsResolver.LookupError(failure, "example.invalid");

        Assert.Equal(message, error.Message);
        Assert.Equal(message.Split(' ')[1], error.Code);
        Assert.Equal("example.invalid", error.Address);
        Assert.Equal(failure, error.SocketErrorCode);
    }

    [Fact]
    public void Bad_arguments_throw_at_the_call()
    {
        // L1: nothing is queued
        using var loop = new EventLoop();

        Assert.Equal("hostname", Assert.Throws<ArgumentNullException>(() => loop.Dns.Lookup(null!, (_, _) => { })).ParamName);
        Assert.Equal("hostname", Assert.Throws<ArgumentException>(() => loop.Dns.LookupAll("", (_, _) => { })).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => loop.Dns.Lookup("localhost", null!)).ParamName);
        var family = Assert.Throws<ArgumentException>(() => loop.Dns.LookupAsync("localhost", AddressFamily.AppleTalk));
        Assert.Equal("family", family.ParamName);
        Assert.False(loop.IsAlive);
    }
}
