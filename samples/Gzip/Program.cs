// gzip as a filter, as it is written in Node: stdin through a zlib stream to stdout with one pipeline, or back with -d.
//   dotnet run --project samples/Gzip < README.md > README.md.gz
//   dotnet run --project samples/Gzip -- -d < README.md.gz
// gzip.js does the same with Node; either reads what the other wrote.
using Loopwire;

bool decompress = args is ["-d"];
return EventLoop.RunMain(async loop =>
{
    TransformStream zlib = decompress ? Zlib.CreateGunzip(loop) : Zlib.CreateGzip(loop);
    try
    {
        await StreamPipeline.RunAsync(loop.Stdin, [zlib], loop.Stdout);
    }
    catch (ZlibException error)
    {
        loop.Stderr.Write($"gzip: {error.Message} ({error.Code})\n");
        loop.ExitCode = 1;
    }
});
