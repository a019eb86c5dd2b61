using System.Text;

namespace Loopwire.Generators.Helpers;

/// <summary>Writes C# source line by line with four-space indentation, so generated code reads like hand-written code.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _builder = new();
    private int _depth;

    public void WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            _builder.Append(' ', _depth * 4);
        }

        _builder.Append(line).Append('\n');
    }

    /// <summary>Writes <paramref name="header"/> (unless empty), then an opening brace, and indents until the returned scope is disposed.</summary>
    public Block OpenBlock(string header)
    {
        if (header.Length > 0)
        {
            WriteLine(header);
        }

        WriteLine("{");
        _depth++;
        return new Block(this);
    }

    public override string ToString() => _builder.ToString();

    private void CloseBlock(string closing)
    {
        _depth--;
        WriteLine(closing);
    }

    /// <summary>Closes a block opened by <see cref="OpenBlock"/>.</summary>
    public readonly struct Block(IndentedWriter writer) : IDisposable
    {
        public void Dispose() => writer.CloseBlock("}");
    }
}
