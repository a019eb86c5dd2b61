// The seeds' first example: reading a file does not block the loop, so the line after the call prints first.
//
//   fs.readFile('file.txt', 'utf8', (err, data) => { if (err) throw err; console.log(data); });
//   console.log("This runs before file read completes!");
using System.Text;
using Loopwire;

return EventLoop.RunMain(loop =>
{
    string path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "file.txt");

    loop.Fs.ReadFile(path, Encoding.UTF8, (error, data) =>
    {
        if (error is not null)
        {
            throw error;
        }

        Console.WriteLine(data);
    });

    Console.WriteLine("This runs before file read completes!");
});
