using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Loopwire.Net;
using Loopwire.Tests.Support;
using static Loopwire.Tests.Support.LoopPrograms;

namespace Loopwire.Tests;

/// <summary>
/// Node's dns.resolve* (c-ares): queries sent from the loop over the resolver's own UdpSocket, answers parsed on the
/// loop, tries timed by the loop's timers. The server is <see cref="FakeDnsServer"/> on loopback answering for
/// <see cref="FakeDnsZone"/>; tests that wait for a timeout move a manual clock instead of sleeping.
/// </summary>
public sealed class DnsResolveTests
{
    private const int MaxIterations = 1_000;

    [Fact]
    public void Each_record_type_is_read_as_Node_reads_it()
    {
        using FakeDnsServer server = FakeDnsZone.Serve();
        IPAddress[]? v4 = null, v6 = null;
        AddressRecord[]? v4Ttl = null, v6Ttl = null;
        MxRecord[]? mx = null;
        string[][]? txt = null;
        SrvRecord[]? srv = null;
        string[]? cname = null, ns = null, ptr = null, reverse4 = null, reverse6 = null;
        SoaRecord? soa = null;

        int exitCode = EventLoop.RunMain(async loop =>
        {
            DnsResolver resolver = ResolverFor(loop, server);
            v4 = await resolver.Resolve4Async("a.test");
            v4Ttl = await resolver.Resolve4WithTtlAsync("a.test");
            v6 = await resolver.Resolve6Async("a.test");
            v6Ttl = await resolver.Resolve6WithTtlAsync("a.test");
            mx = await resolver.ResolveMxAsync("mx.test");
            txt = await resolver.ResolveTxtAsync("txt.test");
            srv = await resolver.ResolveSrvAsync("srv.test");
            cname = await resolver.ResolveCnameAsync("cname.test");
            ns = await resolver.ResolveNsAsync("ns.test");
            ptr = await resolver.ResolvePtrAsync("1.2.0.192.in-addr.arpa");
            soa = await resolver.ResolveSoaAsync("soa.test");
            reverse4 = await resolver.ReverseAsync("192.0.2.1");
            reverse6 = await resolver.ReverseAsync("2001:db8::1");
        });

        Assert.Equal(0, exitCode);
        Assert.Equal([IPAddress.Parse("192.0.2.1"), IPAddress.Parse("192.0.2.2")], v4!);
        Assert.Equal([new AddressRecord(IPAddress.Parse("192.0.2.1"), 300), new AddressRecord(IPAddress.Parse("192.0.2.2"), 60)], v4Ttl!);
        Assert.Equal([IPAddress.Parse("2001:db8::1")], v6!);
        Assert.Equal([new AddressRecord(IPAddress.Parse("2001:db8::1"), 120)], v6Ttl!);
        Assert.Equal([new MxRecord("mail.test", 10), new MxRecord("backup.test", 20)], mx!);
        Assert.Equal([["v=spf1", "-all"], ["second"]], txt!);
        Assert.Equal([new SrvRecord("sip.test", 5060, 1, 5)], srv!);
        Assert.Equal(["target.test"], cname!);
        Assert.Equal(["ns1.test", "ns2.test"], ns!);
        Assert.Equal(["host.test"], ptr!);
        Assert.Equal(new SoaRecord("ns1.test", "hostmaster.test", 2024010101, 7200, 3600, 1209600, 300), soa);
        Assert.Equal(["host.test"], reverse4!);
        Assert.Equal(["host6.test"], reverse6!);
    }

    [Fact]
    public void Queries_go_out_as_c_ares_sends_them_and_answers_arrive_on_the_loop_thread()
    {
        // L1: the query is a request until its callback has run; N6: the callback runs from an immediate, as Node's
        using FakeDnsServer server = FakeDnsZone.Serve();
        using var loop = new EventLoop();
        int loopThread = Environment.CurrentManagedThreadId;
        DnsResolver resolver = ResolverFor(loop, server);
        IPAddress[]? addresses = null;
        bool onLoop = false;

        resolver.Resolve4("a.test", (error, result) =>
        {
            addresses = result ?? throw error!;
            onLoop = Environment.CurrentManagedThreadId == loopThread;
        });
        Assert.True(loop.IsAlive);
        Assert.False(loop.Run());

        Assert.NotNull(addresses);
        Assert.True(onLoop);
        FakeDnsQuery query = Assert.Single(server.Queries);
        Assert.Equal(("a.test", 1, 0x0100), (query.Name, query.Type, query.Flags)); // type A, recursion desired, nothing else
        Assert.Equal(12 + 8 + 4, query.Message.Length); // one question, no EDNS record
    }

    [Fact]
    public void Every_address_of_the_answer_counts_its_TTL_capped_by_the_CNAME_s()
    {
        // c-ares 1.34: every A record of the answer section, whoever owns it; a CNAME's shorter TTL caps theirs
        using FakeDnsServer server = FakeDnsZone.Serve();
        AddressRecord[]? records = null;
        IPAddress[]? behindAliasOnly = null;

        Assert.Equal(0, EventLoop.RunMain(async loop =>
        {
            DnsResolver resolver = ResolverFor(loop, server);
            records = await resolver.Resolve4WithTtlAsync("alias.test");
            behindAliasOnly = await resolver.Resolve4Async("cname.test");
        }));

        Assert.Equal([new AddressRecord(IPAddress.Parse("192.0.2.1"), 30), new AddressRecord(IPAddress.Parse("203.0.113.1"), 30)], records!);
        Assert.Empty(behindAliasOnly!); // Node: a CNAME and no address is [], not ENODATA
    }

    [Theory]
    [InlineData("nx.test", "ENOTFOUND")]
    [InlineData("empty.test", "ENODATA")]
    [InlineData("servfail.test", "ESERVFAIL")]
    [InlineData("refused.test", "EREFUSED")]
    [InlineData("loop.test", "EBADRESP")]
    [InlineData("cut.test", "EBADRESP")]
    [InlineData("short.test", "EBADRESP")]
    public void Failures_are_worded_as_Node_words_them(string name, string code)
    {
        using FakeDnsServer server = FakeDnsZone.Serve();
        Exception? error = null;

        Assert.Equal(0, EventLoop.RunMain(async loop =>
            error = await Record.ExceptionAsync(() => ResolverFor(loop, server).Resolve4Async(name).AsTask())));

        var failure = Assert.IsType<NetException>(error);
        Assert.Equal($"queryA {code} {name}", failure.Message);
        Assert.Equal((code, "queryA", name), (failure.Code, failure.Syscall, failure.Address));
    }

    [Fact]
    public void The_operation_in_an_error_is_the_query_Node_names()
    {
        using FakeDnsServer server = FakeDnsZone.Serve();
        var messages = new List<string>();

        Assert.Equal(0, EventLoop.RunMain(async loop =>
        {
            DnsResolver resolver = ResolverFor(loop, server);
            foreach (Func<Task> query in new Func<Task>[]
            {
                () => resolver.Resolve6Async("nx.test").AsTask(), () => resolver.ResolveMxAsync("nx.test").AsTask(),
                () => resolver.ResolveTxtAsync("nx.test").AsTask(), () => resolver.ResolveSrvAsync("nx.test").AsTask(),
                () => resolver.ResolveCnameAsync("nx.test").AsTask(), () => resolver.ResolveNsAsync("nx.test").AsTask(),
                () => resolver.ResolvePtrAsync("nx.test").AsTask(), () => resolver.ResolveSoaAsync("nx.test").AsTask(),
                () => resolver.ReverseAsync("192.0.2.99").AsTask(),
            })
            {
                messages.Add((await Record.ExceptionAsync(query))!.Message);
            }
        }));

        Assert.Equal(
            ["queryAaaa ENOTFOUND nx.test", "queryMx ENOTFOUND nx.test", "queryTxt ENOTFOUND nx.test", "querySrv ENOTFOUND nx.test",
             "queryCname ENOTFOUND nx.test", "queryNs ENOTFOUND nx.test", "queryPtr ENOTFOUND nx.test", "querySoa ENOTFOUND nx.test",
             "getHostByAddr ENOTFOUND 192.0.2.99"],
            messages);
    }

    [Fact]
    public void Records_of_another_type_are_an_empty_list_or_ENODATA_as_in_Node()
    {
        // Node (c-ares 1.34): an answer with records, none of the type asked, is [] for MX, TXT and SRV, ENODATA otherwise
        using FakeDnsServer server = FakeDnsZone.Serve();
        MxRecord[]? mx = null;
        string[][]? txt = null;
        SrvRecord[]? srv = null;
        Exception? ns = null, aaaa = null;

        Assert.Equal(0, EventLoop.RunMain(async loop =>
        {
            DnsResolver resolver = ResolverFor(loop, server);
            mx = await resolver.ResolveMxAsync("odd.test");
            txt = await resolver.ResolveTxtAsync("odd.test");
            srv = await resolver.ResolveSrvAsync("odd.test");
            ns = await Record.ExceptionAsync(() => resolver.ResolveNsAsync("odd.test").AsTask());
            aaaa = await Record.ExceptionAsync(() => resolver.Resolve6Async("odd.test").AsTask());
        }));

        Assert.Empty(mx!);
        Assert.Empty(txt!);
        Assert.Empty(srv!);
        Assert.Equal("queryNs ENODATA odd.test", ns!.Message);
        Assert.Equal("queryAaaa ENODATA odd.test", aaaa!.Message);
    }

    [Fact]
    public void A_bad_answer_fails_its_try_and_the_last_try_s_error_ends_the_query()
    {
        // c-ares: an answer that does not parse is a failed try, tried again at once; the loop goes on
        using FakeDnsServer server = FakeDnsZone.Serve();
        Exception? error = null;
        IPAddress[]? after = null;

        Assert.Equal(0, EventLoop.RunMain(async loop =>
        {
            var resolver = new DnsResolver(loop, new DnsResolverOptions { Tries = 3 });
            resolver.SetServers(server.Address);
            error = await Record.ExceptionAsync(() => resolver.Resolve4Async("loop.test").AsTask());
            after = await resolver.Resolve4Async("a.test");
        }));

        Assert.Equal("queryA EBADRESP loop.test", error!.Message);
        Assert.Equal(3, server.Queries.Count(query => query.Name == "loop.test"));
        Assert.Equal(2, after!.Length);
    }

    [Fact]
    public void Answers_with_another_id_or_question_are_ignored()
    {
        // c-ares matches an answer by id, source and question; the fake server sends both decoys before the answer
        using FakeDnsServer server = FakeDnsZone.Serve();
        IPAddress[] addresses = OnLoop(loop => ResolverFor(loop, server).Resolve4Async("wrong-id.test").AsTask());

        Assert.Equal([IPAddress.Parse("192.0.2.9")], addresses);
    }

    [Fact]
    public void A_silent_server_is_asked_each_try_with_the_timeout_doubling_each_round_then_ETIMEOUT()
    {
        // c-ares: the first try waits Timeout, each later round over the servers twice the one before; same id each time
        using var server = new FakeDnsServer(_ => []);
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var resolver = new DnsResolver(loop, new DnsResolverOptions { Timeout = 1000, Tries = 3 });
        resolver.SetServers(server.Address);
        Exception? error = null;
        bool done = false;
        resolver.Resolve4("silent.test", (e, _) => (error, done) = (e, true));
        server.WaitForQueries(1);

        Advance(loop, clock, 999);
        Assert.Single(server.Queries);
        Advance(loop, clock, 1); // 1000: the second try, for 2000 ms
        server.WaitForQueries(2);
        Advance(loop, clock, 1999);
        Assert.Equal(2, server.Queries.Length);
        Advance(loop, clock, 1); // 3000: the third, for 4000 ms
        server.WaitForQueries(3);
        Advance(loop, clock, 3999);
        Assert.False(done);
        Assert.True(loop.IsAlive); // L1: the query is a request

        Advance(loop, clock, 1); // 7000: no try left
        RunUntil(loop, () => done);
        Assert.Equal("queryA ETIMEOUT silent.test", error!.Message);
        Assert.Equal(3, server.Queries.Length);
        Assert.Single(server.Queries.Select(query => query.Id).Distinct());
        Assert.False(loop.Run());
    }

    [Fact]
    public void The_next_server_is_asked_when_the_first_does_not_answer()
    {
        using var silent = new FakeDnsServer(_ => []);
        using FakeDnsServer answering = FakeDnsZone.Serve();
        using EventLoop loop = Loops.WithClock(out ManualClock clock);
        var resolver = new DnsResolver(loop);
        resolver.SetServers(silent.Address, answering.Address);
        IPAddress[]? addresses = null;
        resolver.Resolve4("a.test", (error, result) => addresses = result ?? throw error!);
        silent.WaitForQueries(1);

        Advance(loop, clock, 1999);
        Assert.Empty(answering.Queries);
        Advance(loop, clock, 1); // c-ares' default timeout: 2000 ms
        RunUntil(loop, () => addresses is not null);

        Assert.Equal(2, addresses!.Length);
        Assert.Single(silent.Queries);
        Assert.False(loop.Run());
    }

    [Fact]
    public void A_truncated_answer_is_asked_again_over_TCP()
    {
        // RFC 1035 4.2.2, as c-ares: TC set, so the whole answer comes over TCP from the same server
        using FakeDnsServer server = FakeDnsZone.Serve();
        IPAddress[] addresses = OnLoop(loop => ResolverFor(loop, server).Resolve4Async("tc.test").AsTask());

        Assert.Equal([IPAddress.Parse("192.0.2.53")], addresses);
        Assert.Equal("tc.test", Assert.Single(server.TcpQueries).Name);
    }

    [Fact]
    public void A_truncated_answer_from_a_server_refusing_TCP_is_ECONNREFUSED_as_in_Node()
    {
        using var server = new FakeDnsServer(FakeDnsZone.Respond);
        Exception? error = null;

        Assert.Equal(0, EventLoop.RunMain(async loop =>
            error = await Record.ExceptionAsync(() => ResolverFor(loop, server).Resolve4Async("tc.test").AsTask())));

        Assert.Equal("queryA ECONNREFUSED tc.test", error!.Message);
    }

    [Fact]
    public void A_server_on_IPv6_is_asked_from_a_udp6_socket_and_over_TCP_on_IPv6()
    {
        using FakeDnsServer server = FakeDnsZone.Serve(IPAddress.IPv6Loopback);
        IPAddress[]? addresses = null, overTcp = null;

        Assert.Equal(0, EventLoop.RunMain(async loop =>
        {
            DnsResolver resolver = ResolverFor(loop, server);
            addresses = await resolver.Resolve4Async("a.test");
            overTcp = await resolver.Resolve4Async("tc.test");
        }));

        Assert.StartsWith("[::1]:", server.Address);
        Assert.Equal(2, addresses!.Length);
        Assert.Equal([IPAddress.Parse("192.0.2.53")], overTcp!);
    }

    [Fact]
    public void Cancel_ends_the_queries_in_flight_with_ECANCELLED_from_the_loop()
    {
        using var server = new FakeDnsServer(_ => []);
        using var loop = new EventLoop();
        DnsResolver resolver = ResolverFor(loop, server);
        var errors = new List<string>();
        resolver.Resolve4("silent.test", (error, _) => errors.Add(error!.Message));
        resolver.ResolveMx("silent.test", (error, _) => errors.Add(error!.Message));

        resolver.Cancel();
        Assert.Empty(errors); // as Node: the callbacks are queued, not run inside cancel()
        Assert.False(loop.Run());

        Assert.Equal(["queryA ECANCELLED silent.test", "queryMx ECANCELLED silent.test"], errors);
    }

    [Fact]
    public void A_name_DNS_cannot_carry_is_EBADNAME_from_the_loop()
    {
        using FakeDnsServer server = FakeDnsZone.Serve();
        var errors = new List<string>();

        Assert.Equal(0, EventLoop.RunMain(async loop =>
        {
            DnsResolver resolver = ResolverFor(loop, server);
            foreach (string name in new[] { "a..test", new string('a', 64) + ".test", string.Join('.', Enumerable.Repeat("abcdefghi", 26)) })
            {
                errors.Add((await Record.ExceptionAsync(() => resolver.Resolve4Async(name).AsTask()))!.Message);
            }
        }));

        Assert.All(errors, message => Assert.StartsWith("queryA EBADNAME ", message));
        Assert.Empty(server.Queries);
    }

    [Fact]
    public void Servers_are_set_and_given_back_as_Node_writes_them()
    {
        using var loop = new EventLoop();
        var resolver = new DnsResolver(loop);

        resolver.SetServers("192.0.2.1", "192.0.2.2:5353", "::1", "[2001:db8::1]:5353", "[2001:db8::2]:53", "[2001:db8::3]");

        Assert.Equal(["192.0.2.1", "192.0.2.2:5353", "::1", "[2001:db8::1]:5353", "2001:db8::2", "2001:db8::3"], resolver.GetServers());
        Assert.NotSame(loop.Dns, resolver);
    }

    [Fact]
    public void The_default_servers_are_the_system_s()
    {
        using var loop = new EventLoop();
        string[] expected = File.Exists("/etc/resolv.conf")
            ? File.ReadLines("/etc/resolv.conf")
                .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                .Where(words => words is ["nameserver", _, ..] && IPAddress.TryParse(words[1], out _))
                .Select(words => IPAddress.Parse(words[1]).ToString())
                .DefaultIfEmpty("127.0.0.1")
                .ToArray()
            : loop.Dns.GetServers();

        Assert.Equal(expected, loop.Dns.GetServers());
    }

    [Fact]
    public void With_no_server_a_query_fails_as_in_Node()
    {
        using var loop = new EventLoop();
        var resolver = new DnsResolver(loop);
        resolver.SetServers();
        Exception? error = null;
        resolver.Resolve4("a.test", (e, _) => error = e);

        Assert.False(loop.Run());

        Assert.Equal("queryA UNKNOWN_ARES_ERROR a.test", error!.Message);
    }

    [Fact]
    public void Bad_arguments_throw_at_the_call()
    {
        // L1: nothing is queued
        using var loop = new EventLoop();
        var resolver = new DnsResolver(loop);

        Assert.Equal("hostname", Assert.Throws<ArgumentNullException>(() => resolver.Resolve4(null!, (_, _) => { })).ParamName);
        Assert.Equal("hostname", Assert.Throws<ArgumentNullException>(() => resolver.ResolveTxtAsync(null!)).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => resolver.ResolveMx("mx.test", null!)).ParamName);
        Assert.Equal("ip", Assert.Throws<ArgumentException>(() => resolver.ReverseAsync("not.an.address")).ParamName);
        Assert.Equal("servers", Assert.Throws<ArgumentException>(() => resolver.SetServers("nope")).ParamName);
        Assert.Equal("servers", Assert.Throws<ArgumentException>(() => resolver.SetServers("192.0.2.1:0")).ParamName);
        Assert.Equal("servers", Assert.Throws<ArgumentException>(() => resolver.SetServers("[192.0.2.1]:53")).ParamName);
        Assert.Equal("servers", Assert.Throws<ArgumentException>(() => resolver.SetServers("2001:db8::1:53:x")).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsResolverOptions { Timeout = -2 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsResolverOptions { Tries = 0 });
        Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(() => _ = resolver.Resolve4Async("a.test")));
        Assert.False(loop.IsAlive);
    }

    [NodeFact]
    public void Answers_and_errors_are_Node_s_for_the_same_server()
    {
        // Node 20 (c-ares 1.34) against the same fake server: the same results, or the same error messages
        (string Method, string Name)[] cases =
        [
            ("resolve4Ttl", "a.test"), ("resolve4", "a.test"), ("resolve6Ttl", "a.test"), ("resolve6", "a.test"),
            ("resolve4Ttl", "alias.test"), ("resolve4", "cname.test"), ("resolveMx", "mx.test"), ("resolveTxt", "txt.test"),
            ("resolveSrv", "srv.test"), ("resolveCname", "cname.test"), ("resolveNs", "ns.test"), ("resolvePtr", "1.2.0.192.in-addr.arpa"),
            ("resolveSoa", "soa.test"), ("reverse", "192.0.2.1"), ("reverse", "2001:db8::1"), ("resolveMx", "odd.test"),
            ("resolveTxt", "odd.test"), ("resolveSrv", "odd.test"), ("resolveNs", "odd.test"), ("resolve6", "odd.test"),
            ("resolve4", "nx.test"), ("resolveMx", "nx.test"), ("reverse", "192.0.2.99"), ("resolve4", "empty.test"),
            ("resolveMx", "empty.test"), ("resolve4", "servfail.test"), ("resolve4", "refused.test"), ("resolve4", "loop.test"),
            ("resolve4", "cut.test"), ("resolve4", "short.test"), ("resolve4", "wrong-id.test"), ("resolve4", "tc.test"),
            ("resolve4", "silent.test"), ("resolve4", "a..test"),
        ];
        using FakeDnsServer server = FakeDnsZone.Serve();
        const string Script = """
            const dns = require('dns');
            const resolver = new dns.promises.Resolver({ timeout: 1000, tries: 1 });
            resolver.setServers([process.argv[1]]);
            (async () => {
              for (const [method, name] of JSON.parse(process.argv[2])) {
                try {
                  const ttl = method.endsWith('Ttl');
                  console.log(JSON.stringify(await resolver[ttl ? method.slice(0, -3) : method](name, ...(ttl ? [{ ttl }] : []))));
                } catch (error) {
                  console.log(error.message);
                }
              }
            })();
            """;
        string[] node = Programs.Lines(Programs.RunNode("-e", Script, server.Address, JsonSerializer.Serialize(cases.Select(c => new[] { c.Method, c.Name }))));

        var loopwire = new List<string>();
        Assert.Equal(0, EventLoop.RunMain(async loop =>
        {
            var resolver = new DnsResolver(loop, new DnsResolverOptions { Timeout = 1000, Tries = 1 });
            resolver.SetServers(server.Address);
            foreach ((string method, string name) in cases)
            {
                try
                {
                    loopwire.Add(AsNodeJson(await Resolve(resolver, method, name)));
                }
                catch (NetException error)
                {
                    loopwire.Add(error.Message);
                }
            }
        }));

        Assert.Equal(node, loopwire);
    }

    /// <summary>A resolver of its own asking only <paramref name="server"/>.</summary>
    private static DnsResolver ResolverFor(EventLoop loop, FakeDnsServer server)
    {
        var resolver = new DnsResolver(loop);
        resolver.SetServers(server.Address);
        return resolver;
    }

    /// <summary>The method Node calls <paramref name="method"/>, with Node's <c>{ ttl: true }</c> as a <c>Ttl</c> suffix.</summary>
    private static async Task<object> Resolve(DnsResolver resolver, string method, string name) => method switch
    {
        "resolve4" => await resolver.Resolve4Async(name),
        "resolve4Ttl" => await resolver.Resolve4WithTtlAsync(name),
        "resolve6" => await resolver.Resolve6Async(name),
        "resolve6Ttl" => await resolver.Resolve6WithTtlAsync(name),
        "resolveMx" => await resolver.ResolveMxAsync(name),
        "resolveTxt" => await resolver.ResolveTxtAsync(name),
        "resolveSrv" => await resolver.ResolveSrvAsync(name),
        "resolveCname" => await resolver.ResolveCnameAsync(name),
        "resolveNs" => await resolver.ResolveNsAsync(name),
        "resolvePtr" => await resolver.ResolvePtrAsync(name),
        "resolveSoa" => await resolver.ResolveSoaAsync(name),
        "reverse" => await resolver.ReverseAsync(name),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>A result as Node's <c>JSON.stringify</c> writes the same answer.</summary>
    private static string AsNodeJson(object result) => JsonSerializer.Serialize(
        result switch
        {
            IPAddress[] addresses => addresses.Select(address => address.ToString()).ToArray(),
            AddressRecord[] records => records.Select(record => new { address = record.Address.ToString(), ttl = record.Ttl }).ToArray(),
            MxRecord[] records => records.Select(record => new { exchange = record.Exchange, priority = record.Priority }).ToArray(),
            SrvRecord[] records => records.Select(record => new { name = record.Name, port = record.Port, priority = record.Priority, weight = record.Weight }).ToArray(),
            SoaRecord soa => new { nsname = soa.NsName, hostmaster = soa.Hostmaster, serial = soa.Serial, refresh = soa.Refresh, retry = soa.Retry, expire = soa.Expire, minttl = soa.MinTtl },
            _ => result,
        },
        new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Moves the clock and runs the timers now due (L6), without waiting for I/O.</summary>
    private static void Advance(EventLoop loop, ManualClock clock, double milliseconds)
    {
        clock.Advance(milliseconds);
        loop.Run(RunMode.NoWait);
    }

    /// <summary>Runs iterations that wait for I/O (the manual clock does not move) until <paramref name="done"/>.</summary>
    private static void RunUntil(EventLoop loop, Func<bool> done)
    {
        for (int i = 0; i < MaxIterations && !done(); i++)
        {
            loop.Run(RunMode.Once);
        }

        Assert.True(done());
    }
}
