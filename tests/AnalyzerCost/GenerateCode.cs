// Generates the analyzer-cost compilation: a library of realistic, loop-driven C# (services with loop-phase
// callbacks, timers, pool work, async I/O, LINQ, records) spread over many files that call each other, with a
// few blocking calls in loop code and in async methods so that every measured analyzer has work to do.
// Usage: dotnet run GenerateCode.cs -- <output directory> <file count>
using System.Text;

var output = args.Length > 0 ? args[0] : "generated";
var files = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 520;
const int MethodsPerFile = 9;

Directory.CreateDirectory(output);
var lines = 0;
for (var i = 0; i < files; i++)
{
    var next = (i + 1) % files;
    var code = new StringBuilder();
    code.AppendLine($$"""
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Loopwire;

        namespace Generated.Module{{i}};

        public sealed record Order{{i}}(int Id, string Customer, decimal Price, int Quantity);

        public sealed class Service{{i}}
        {
            private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
            private readonly List<Order{{i}}> orders = new();
            private readonly EventLoop loop;

            public Service{{i}}(EventLoop loop) => this.loop = loop;

            public int Total { get; private set; }

            public string Name => "service-{{i}}-" + counts.Count;

            [OnCheck]
            public void AfterPoll()
            {
                Total += Step0(orders.Count);
                Total += Generated.Module{{next}}.Helper{{next}}.Compute(Total);
            }

            public void Schedule()
            {
                loop.SetTimeout(() => Total += Step1(Total), 10);
                loop.QueueWork(() => File.ReadAllBytes("data-{{i}}.bin"), (error, bytes) => Total += bytes?.Length ?? 0);
            }

            public async Task<int> LoadAsync(string path, CancellationToken cancellationToken)
            {
                var text = await File.ReadAllTextAsync(path, cancellationToken);
                var extra = File.ReadAllText(path + ".extra");
                return text.Length + extra.Length + Task.FromResult(1).Result;
            }
        """);
    for (var m = 0; m < MethodsPerFile; m++)
    {
        code.AppendLine($$"""
                public int Step{{m}}(int seed)
                {
                    var total = seed;
                    foreach (var order in orders.Where(o => o.Quantity > {{m}}).OrderBy(o => o.Price))
                    {
                        total += order.Quantity * (int)order.Price;
                        if (!counts.TryGetValue(order.Customer, out var count))
                            count = 0;
                        counts[order.Customer] = count + 1;
                    }

                    var builder = new StringBuilder();
                    for (var k = 0; k < seed % 7; k++)
                        builder.Append(k).Append(',');
                    var grouped = orders.GroupBy(o => o.Customer).Select(g => new { g.Key, Sum = g.Sum(o => o.Price) }).ToList();
                    total += grouped.Count + builder.Length;
                    return {{(m + 1 < MethodsPerFile ? $"total + Step{m + 1}(total % 3)" : "total")}};
                }

        """);
    }

    code.AppendLine($$"""
        }

        public static class Helper{{i}}
        {
            public static int Compute(int value)
            {
                var squares = Enumerable.Range(0, value % 10).Select(x => x * x).ToArray();
                if (value > 1_000_000)
                    File.AppendAllText("overflow-{{i}}.log", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return squares.Sum() + Describe(value).Length;
            }

            private static string Describe(int value) => value switch
            {
                < 0 => "negative",
                0 => "zero",
                < 100 => "small",
                _ => "large",
            };
        }
        """);
    var text = code.ToString();
    lines += text.Split('\n').Length;
    File.WriteAllText(Path.Combine(output, $"Module{i}.cs"), text);
}

Console.WriteLine($"GENERATED files={files} lines={lines}");
