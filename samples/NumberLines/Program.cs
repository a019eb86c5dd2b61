// A filter, as Node command-line tools are written: stdin read line by line (readline over process.stdin), each line
// numbered onto stdout, then the count onto stderr. number-lines.js does the same with Node.
//   printf 'pear\r\napple\n' | dotnet run --project samples/NumberLines
using Loopwire;

return EventLoop.RunMain(async loop =>
{
    int count = 0;
    await foreach (string line in loop.Stdin.ReadLinesAsync())
    {
        loop.Stdout.Write($"{++count,6}  {line}\n");
    }

    loop.Stderr.Write($"{count} lines\n");
});
