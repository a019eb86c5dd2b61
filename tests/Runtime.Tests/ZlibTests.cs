using System.IO.Compression;
using System.Text;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// Node's <c>zlib</c> streams: gzip, zlib ("deflate"), raw deflate and Brotli through <see cref="TransformStream"/>,
/// each chunk compressed on the work pool (L12) and pushed on the loop; their output is Node's to read and Node's is
/// theirs; bad and truncated input destroy the stream with Node's message, code and errno, which reach a pipeline's
/// callback, not the loop (E2). Each error below is what Node 20 reports for the same input.
/// </summary>
public sealed class ZlibTests : IDisposable
{
    private static readonly byte[] Text = MakeText(40 * 1024);

    private readonly string _directory = Directory.CreateTempSubdirectory("loopwire-zlib-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly string[] FormatNames = ["gzip", "deflate", "deflateRaw", "brotli"];

    public static TheoryData<string> Formats => new(FormatNames);

    [Theory]
    [InlineData("gzip", "gunzip")]
    [InlineData("gzip", "unzip")]
    [InlineData("deflate", "inflate")]
    [InlineData("deflate", "unzip")]
    [InlineData("deflateRaw", "inflateRaw")]
    [InlineData("brotli", "brotliDecompress")]
    public void Several_megabytes_round_trip_file_to_file_through_two_pipelines(string compress, string decompress)
    {
        byte[] content = MakeText(3 * 1024 * 1024);
        string source = Path.Combine(_directory, "source.txt");
        string compressed = Path.Combine(_directory, "source.z");
        string copy = Path.Combine(_directory, "copy.txt");
        File.WriteAllBytes(source, content);
        using var loop = new EventLoop();
        var log = new List<string>();

        StreamPipeline.Run(loop.Fs.CreateReadStream(source), [Create(loop, compress)], loop.Fs.CreateWriteStream(compressed),
            error => log.Add($"compressed, {error?.Message ?? "no error"}"));
        Assert.False(loop.Run());
        StreamPipeline.Run(loop.Fs.CreateReadStream(compressed), [Create(loop, decompress)], loop.Fs.CreateWriteStream(copy),
            error => log.Add($"decompressed, {error?.Message ?? "no error"}"));
        Assert.False(loop.Run());

        Assert.Equal(["compressed, no error", "decompressed, no error"], log);
        Assert.True(new FileInfo(compressed).Length < content.Length / 3, "the text compresses");
        Assert.Equal(content, File.ReadAllBytes(copy));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_chunk_a_stream_pushes_is_the_listeners_to_keep(string format)
    {
        // A listener may keep a chunk past its event, as ReadAllAsync does: later work must not write over it.
        byte[] content = MakeText(1024 * 1024);
        using var loop = new EventLoop();
        byte[] compressed = Transform(loop, Create(loop, format), content, 64 * 1024, out _);
        TransformStream decompress = Create(loop, Inverse(format));
        var kept = new List<ReadOnlyMemory<byte>>();
        decompress.On.Data(kept.Add);
        for (int offset = 0; offset < compressed.Length; offset += 16 * 1024)
        {
            decompress.Write(compressed.AsMemory(offset, Math.Min(16 * 1024, compressed.Length - offset)));
        }

        decompress.End();
        Assert.False(loop.Run());

        Assert.True(kept.Count > 8, $"{kept.Count} chunks");
        Assert.Equal(content, kept.SelectMany(chunk => chunk.ToArray()).ToArray());
    }

    [Fact]
    public void Output_nobody_reads_stops_the_compression_and_the_writer_is_told_to_wait_for_drain()
    {
        // Backpressure: nobody reads the gzip, so its readable side fills, chunks stop being compressed and wait.
        using var loop = new EventLoop();
        TransformStream gzip = Zlib.CreateGzip(loop, CompressionLevel.NoCompression);
        byte[] chunk = new byte[4096];
        int accepted = 0;
        while (gzip.Write(chunk) && accepted < 1000)
        {
            accepted++;
            loop.Run(); // each chunk compressed before the next is written
        }

        Assert.True(accepted < 1000, "Write returned false");
        Assert.True(gzip.ReadableLength >= gzip.HighWaterMark);

        int drains = 0;
        var output = new MemoryStream();
        gzip.On.Drain(() => drains++).On.Data(data => output.Write(data.Span));
        gzip.End();
        Assert.False(loop.Run());

        Assert.Equal(1, drains);
        byte[] expected = new byte[(accepted + 1) * chunk.Length];
        Assert.Equal(expected, Transform(loop, Zlib.CreateGunzip(loop), output.ToArray(), 8192, out Exception? error));
        Assert.Null(error);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Compressed_bytes_written_in_small_chunks_decompress_to_the_input(string format)
    {
        using var loop = new EventLoop();
        byte[] compressed = Transform(loop, Create(loop, format), Text, chunkSize: 1000, out Exception? error);
        Assert.Null(error);

        byte[] decompressed = Transform(loop, Create(loop, Inverse(format)), compressed, chunkSize: 7, out error);

        Assert.Null(error);
        Assert.Equal(Text, decompressed);
    }

    [Fact]
    public void Gzip_members_one_after_another_written_a_byte_at_a_time_decompress_as_one()
    {
        // Node's gunzip reads every member; a member may end, and the next start, anywhere in a chunk.
        using var loop = new EventLoop();
        byte[] first = Transform(loop, Zlib.CreateGzip(loop), Text[..2000], 8192, out _);
        byte[] second = Transform(loop, Zlib.CreateGzip(loop, CompressionLevel.NoCompression), Text[2000..2500], 8192, out _);

        byte[] decompressed = Transform(loop, Zlib.CreateGunzip(loop), [.. first, .. second, .. first], chunkSize: 1, out Exception? error);

        Assert.Null(error);
        Assert.Equal([.. Text[..2500], .. Text[..2000]], decompressed);
    }

    [NodeFact]
    public void Node_decompresses_what_Loopwire_compresses()
    {
        using var loop = new EventLoop();
        foreach (string format in FormatNames)
        {
            File.WriteAllBytes(Path.Combine(_directory, format), Transform(loop, Create(loop, format), Text, 8192, out Exception? error));
            Assert.Null(error);
        }

        File.WriteAllBytes(Path.Combine(_directory, "text"), Text);
        string output = Programs.RunNode("-e", """
            const zlib = require('zlib'), fs = require('fs'), path = require('path');
            const dir = process.argv[1], text = fs.readFileSync(path.join(dir, 'text'));
            const read = { gzip: zlib.gunzipSync, deflate: zlib.inflateSync, deflateRaw: zlib.inflateRawSync, brotli: zlib.brotliDecompressSync };
            for (const [name, decompress] of Object.entries(read)) {
              console.log(name, decompress(fs.readFileSync(path.join(dir, name))).equals(text));
            }
            """, _directory);

        Assert.Equal(["gzip true", "deflate true", "deflateRaw true", "brotli true"], Programs.Lines(output));
    }

    [NodeFact]
    public void Loopwire_decompresses_what_Node_compresses_including_gzip_members_one_after_another()
    {
        File.WriteAllBytes(Path.Combine(_directory, "text"), Text);
        Programs.RunNode("-e", """
            const zlib = require('zlib'), fs = require('fs'), path = require('path');
            const dir = process.argv[1], text = fs.readFileSync(path.join(dir, 'text'));
            fs.writeFileSync(path.join(dir, 'gzip'), Buffer.concat([zlib.gzipSync(text.subarray(0, 1000)), zlib.gzipSync(text.subarray(1000))]));
            fs.writeFileSync(path.join(dir, 'deflate'), zlib.deflateSync(text));
            fs.writeFileSync(path.join(dir, 'deflateRaw'), zlib.deflateRawSync(text));
            fs.writeFileSync(path.join(dir, 'brotli'), zlib.brotliCompressSync(text));
            """, _directory);
        using var loop = new EventLoop();

        foreach (string format in FormatNames)
        {
            byte[] decompressed = Transform(loop, Create(loop, Inverse(format)), File.ReadAllBytes(Path.Combine(_directory, format)), 4096, out Exception? error);
            Assert.Null(error);
            Assert.Equal(Text, decompressed);
        }
    }

    [Theory]
    [InlineData("gunzip", "incorrect header check")]
    [InlineData("inflate", "incorrect header check")]
    [InlineData("unzip", "incorrect header check")]
    [InlineData("brotliDecompress", "Decompression failed")]
    public void Garbage_destroys_every_stream_with_Nodes_error_which_reaches_the_pipeline_callback_not_the_loop(string decompress, string message)
    {
        string input = Path.Combine(_directory, "garbage.txt");
        File.WriteAllText(input, "this is not compressed, not at all, not one bit of it");
        using var loop = new EventLoop();
        Exception? uncaught = null;
        loop.UncaughtException += error => uncaught = error;
        FileWriteStream destination = loop.Fs.CreateWriteStream(Path.Combine(_directory, "out.txt"));
        Exception? reported = null;

        StreamPipeline.Run(loop.Fs.CreateReadStream(input), [Create(loop, decompress)], destination, error => reported = error);
        Assert.False(loop.Run());

        Assert.Null(uncaught);
        var zlibError = Assert.IsType<ZlibException>(reported);
        Assert.Equal(message, zlibError.Message);
        Assert.Equal("Z_DATA_ERROR", zlibError.Code);
        Assert.Equal(-3, zlibError.Errno);
        Assert.True(destination.IsDestroyed);
    }

    [Theory]
    [InlineData("gunzip", "deflate")]
    [InlineData("inflate", "gzip")]
    public void The_other_format_is_an_incorrect_header(string decompress, string compress)
    {
        using var loop = new EventLoop();
        byte[] compressed = Transform(loop, Create(loop, compress), Text, 8192, out _);

        Transform(loop, Create(loop, decompress), compressed, 8192, out Exception? error);

        Assert.Equal("incorrect header check", error?.Message);
    }

    [Fact]
    public void A_damaged_checksum_is_a_data_error()
    {
        using var loop = new EventLoop();
        foreach (string format in new[] { "gzip", "deflate" })
        {
            byte[] compressed = Transform(loop, Create(loop, format), Text, 8192, out _);
            compressed[format == "gzip" ? ^6 : ^1] ^= 1; // CRC-32 for gzip, Adler-32 for zlib

            Transform(loop, Create(loop, Inverse(format)), compressed, 8192, out Exception? error);

            Assert.Equal("Z_DATA_ERROR", Assert.IsType<ZlibException>(error).Code);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Input_cut_anywhere_is_an_unexpected_end_of_file(string format)
    {
        // Every length short of the whole, written in two chunks, including a gzip cut inside its second member.
        using var loop = new EventLoop();
        byte[] small = Text[..3000];
        byte[] member = Transform(loop, Create(loop, format), small, 8192, out _);
        byte[] compressed = format == "gzip" ? [.. member, .. member] : member;

        for (int length = 0; length < compressed.Length; length++)
        {
            if (length == member.Length && format == "gzip")
            {
                continue; // one whole member: complete
            }

            Transform(loop, Create(loop, Inverse(format)), compressed[..length], Math.Max(1, length / 2), out Exception? error);

            var zlibError = Assert.IsType<ZlibException>(error);
            Assert.Equal(("unexpected end of file", "Z_BUF_ERROR", -5), (zlibError.Message, zlibError.Code, zlibError.Errno));
        }

        Assert.Equal(format == "gzip" ? [.. small, .. small] : small, Transform(loop, Create(loop, Inverse(format)), compressed, compressed.Length / 2, out Exception? none));
        Assert.Null(none);
    }

    [Fact]
    public void Empty_input_compresses_to_a_valid_empty_stream_and_is_an_unexpected_end_to_a_decompressor()
    {
        // The empty gzip, zlib and raw deflate streams are Node's, byte for byte.
        using var loop = new EventLoop();
        var nodes = new Dictionary<string, string>
        {
            ["gzip"] = "1F8B080000000000000303000000000000000000",
            ["deflate"] = "789C030000000001",
            ["deflateRaw"] = "0300",
        };
        foreach (string format in FormatNames)
        {
            byte[] compressed = Transform(loop, Create(loop, format), [], 1, out Exception? error);
            Assert.Null(error);
            Assert.NotEmpty(compressed);
            if (nodes.TryGetValue(format, out string? node))
            {
                Assert.Equal(node, Convert.ToHexString(compressed));
            }

            Assert.Empty(Transform(loop, Create(loop, Inverse(format)), compressed, 1, out error));
            Assert.Null(error);

            Transform(loop, Create(loop, Inverse(format)), [], 1, out error);
            Assert.Equal("unexpected end of file", error?.Message);
        }

        Transform(loop, Zlib.CreateUnzip(loop), [], 1, out Exception? unzipError);
        Assert.Equal("unexpected end of file", unzipError?.Message);
    }

    [Fact]
    public void Bytes_after_a_complete_stream_are_ignored_as_Node_ignores_them()
    {
        // Node: trailing zeros after a gzip member, anything after zlib, raw deflate or Brotli data.
        using var loop = new EventLoop();
        foreach ((string format, byte[] trailer) in new[] { ("gzip", new byte[16]), ("deflate", "xyz"u8.ToArray()), ("deflateRaw", "xyz"u8.ToArray()), ("brotli", "xyz"u8.ToArray()) })
        {
            byte[] compressed = Transform(loop, Create(loop, format), Text, 8192, out _);

            byte[] decompressed = Transform(loop, Create(loop, Inverse(format)), [.. compressed, .. trailer], 1000, out Exception? error);

            Assert.Null(error);
            Assert.Equal(Text, decompressed);
        }
    }

    [Fact]
    public void The_decompressors_input_never_looks_ended_before_it_is()
    {
        // .NET takes a read of 0 for the end of the input (and, under System.IO.Compression.UseStrictValidation, for
        // truncated data): a dry feed throws instead until End, then gives the sentinel once, then 0, counted.
        var feed = new InflateFeed();
        byte[] buffer = new byte[4];
        feed.Add("abcdef"u8.ToArray());

        Assert.Equal(4, feed.Read(buffer));
        Assert.Equal(2, feed.Read(buffer));
        Assert.Throws<InflateFeed.NeedInput>(() => feed.Read(buffer));

        feed.End();
        feed.Sentinel = 0xFF;
        Assert.Equal(1, feed.Read(buffer));
        Assert.Equal(0xFF, buffer[0]);
        Assert.Equal(0, feed.ReadsAfterEnd);
        Assert.Equal(0, feed.Read(buffer));
        Assert.Equal(1, feed.ReadsAfterEnd);
    }

    [Fact]
    public void The_work_runs_on_the_pool_and_the_events_on_the_loop_thread()
    {
        // L12: with the only pool thread busy, nothing is compressed; once it is free, the output comes on the loop.
        using EventLoop loop = PoolBlocker.LoopWithBusyPool(out PoolBlocker blocker);
        int loopThread = Environment.CurrentManagedThreadId;
        TransformStream gzip = Zlib.CreateGzip(loop);
        var threads = new HashSet<int>();
        long read = 0;
        gzip.On.Data(chunk => { threads.Add(Environment.CurrentManagedThreadId); read += chunk.Length; })
            .On.Finish(() => threads.Add(Environment.CurrentManagedThreadId));
        gzip.Write(Text);
        gzip.End();

        loop.Run(RunMode.NoWait);
        Assert.Equal(0, read);
        Assert.False(gzip.IsFinished);

        blocker.Release();
        Assert.False(loop.Run());
        Assert.True(read > 0);
        Assert.Equal([loopThread], threads);
    }

    [Fact]
    public void A_stream_destroyed_while_its_chunk_is_on_the_pool_ignores_the_result()
    {
        using EventLoop loop = PoolBlocker.LoopWithBusyPool(out PoolBlocker blocker);
        TransformStream gunzip = Zlib.CreateGunzip(loop);
        var log = new List<string>();
        gunzip.On.Data(_ => log.Add("data")).On.Error(error => log.Add($"error {error.Message}")).On.Closed(() => log.Add("close"));
        gunzip.Write("not gzip"u8.ToArray());

        gunzip.Destroy();
        blocker.Release();
        Assert.False(loop.Run());

        Assert.Equal(["close"], log);
    }

    [Fact]
    public void The_one_shot_forms_round_trip_on_the_pool_and_fail_as_the_streams_do()
    {
        // Node's promisified zlib.gzip(buffer) and the rest: one request each, the task completing on the loop.
        LoopPrograms.Run(async loop =>
        {
            int loopThread = Environment.CurrentManagedThreadId;
            Assert.Equal(Text, await Zlib.GunzipAsync(loop, await Zlib.GzipAsync(loop, Text)));
            Assert.Equal(Text, await Zlib.UnzipAsync(loop, await Zlib.GzipAsync(loop, Text, CompressionLevel.Fastest)));
            Assert.Equal(Text, await Zlib.InflateAsync(loop, await Zlib.DeflateAsync(loop, Text)));
            Assert.Equal(Text, await Zlib.UnzipAsync(loop, await Zlib.DeflateAsync(loop, Text)));
            Assert.Equal(Text, await Zlib.InflateRawAsync(loop, await Zlib.DeflateRawAsync(loop, Text)));
            Assert.Equal(Text, await Zlib.BrotliDecompressAsync(loop, await Zlib.BrotliCompressAsync(loop, Text, quality: 5)));
            Assert.Equal(loopThread, Environment.CurrentManagedThreadId);

            byte[] gzip = await Zlib.GzipAsync(loop, Text);
            ZlibException truncated = await Assert.ThrowsAsync<ZlibException>(() => Zlib.GunzipAsync(loop, gzip.AsMemory(0, gzip.Length - 1)));
            Assert.Equal(("unexpected end of file", "Z_BUF_ERROR"), (truncated.Message, truncated.Code));
            ZlibException garbage = await Assert.ThrowsAsync<ZlibException>(() => Zlib.InflateAsync(loop, "garbage"u8.ToArray()));
            Assert.Equal(("incorrect header check", "Z_DATA_ERROR"), (garbage.Message, garbage.Code));
            Assert.Equal("1F8B080000000000000303000000000000000000", Convert.ToHexString(await Zlib.GzipAsync(loop, ReadOnlyMemory<byte>.Empty)));
        });
    }

    [Fact]
    public void Bad_arguments_throw_at_the_call()
    {
        using var loop = new EventLoop();

        Assert.Equal("loop", Assert.Throws<ArgumentNullException>(() => Zlib.CreateGzip(null!)).ParamName);
        Assert.Equal("loop", Assert.Throws<ArgumentNullException>(() => Zlib.CreateGunzip(null!)).ParamName);
        Assert.Equal("loop", Assert.Throws<ArgumentNullException>(() => Zlib.CreateBrotliCompress(null!)).ParamName);
        Assert.Equal("loop", Assert.Throws<ArgumentNullException>(() => Zlib.CreateBrotliDecompress(null!)).ParamName);
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => Zlib.CreateDeflate(loop, (CompressionLevel)9)).ParamName);
        Assert.Equal("quality", Assert.Throws<ArgumentOutOfRangeException>(() => Zlib.CreateBrotliCompress(loop, quality: 12)).ParamName);
        Assert.Equal("quality", Assert.Throws<ArgumentOutOfRangeException>(() => Zlib.CreateBrotliCompress(loop, quality: -1)).ParamName);
        Assert.Equal("window", Assert.Throws<ArgumentOutOfRangeException>(() => Zlib.CreateBrotliCompress(loop, window: 9)).ParamName);
        Assert.Equal("window", Assert.Throws<ArgumentOutOfRangeException>(() => Zlib.CreateBrotliCompress(loop, window: 25)).ParamName);
        Assert.IsType<InvalidOperationException>(Threads.OnAnotherThread(() => Zlib.CreateInflate(loop).Write("x")));
        Assert.Equal("loop", Assert.Throws<ArgumentNullException>(() => { _ = Zlib.GzipAsync(null!, Text); }).ParamName);
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => { _ = Zlib.DeflateRawAsync(loop, Text, (CompressionLevel)(-1)); }).ParamName);
        Assert.Equal("window", Assert.Throws<ArgumentOutOfRangeException>(() => { _ = Zlib.BrotliCompressAsync(loop, Text, window: 30); }).ParamName);
    }

    /// <summary>Writes <paramref name="input"/> in chunks, ends, runs the loop; returns what was read and the error, if any.</summary>
    private static byte[] Transform(EventLoop loop, TransformStream stream, byte[] input, int chunkSize, out Exception? error)
    {
        var output = new MemoryStream();
        Exception? failed = null;
        stream.On.Data(chunk => output.Write(chunk.Span)).On.Error(e => failed = e);
        for (int offset = 0; offset < input.Length; offset += chunkSize)
        {
            stream.Write(input.AsMemory(offset, Math.Min(chunkSize, input.Length - offset)));
        }

        stream.End();
        Assert.False(loop.Run());
        error = failed;
        return output.ToArray();
    }

    private static TransformStream Create(EventLoop loop, string kind) => kind switch
    {
        "gzip" => Zlib.CreateGzip(loop),
        "gunzip" => Zlib.CreateGunzip(loop),
        "deflate" => Zlib.CreateDeflate(loop),
        "inflate" => Zlib.CreateInflate(loop),
        "deflateRaw" => Zlib.CreateDeflateRaw(loop),
        "inflateRaw" => Zlib.CreateInflateRaw(loop),
        "unzip" => Zlib.CreateUnzip(loop),
        "brotli" => Zlib.CreateBrotliCompress(loop, quality: 5), // Node's 11 is slow for megabytes
        "brotliDecompress" => Zlib.CreateBrotliDecompress(loop),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string Inverse(string format) => format switch
    {
        "gzip" => "gunzip",
        "deflate" => "inflate",
        "deflateRaw" => "inflateRaw",
        _ => "brotliDecompress",
    };

    /// <summary>Words from a small vocabulary in a fixed pseudo-random order: compressible, not trivially.</summary>
    private static byte[] MakeText(int size)
    {
        string[] words = ["loop", "timer", "stream", "chunk", "pool", "gzip", "node", "tick", "handle", "close", "\n"];
        var random = new Random(42);
        var text = new StringBuilder(size + 16);
        while (text.Length < size)
        {
            text.Append(words[random.Next(words.Length)]).Append(' ');
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, size));
    }
}
