using Microsoft.CodeAnalysis.Text;

namespace Loopwire.Analyzers.Blocking;

/// <summary>
/// Parses blocking lists: one documentation-comment ID per line (<c>M:</c> methods and constructors, <c>P:</c>
/// properties and indexers), <c>#</c> comments, <c>!</c> to exempt, and a trailing <c>*</c> for every overload
/// (<c>M:Type.Name*</c>) or every member of the type (<c>M:Type.*</c>).
/// </summary>
internal static class BlockingApiListParser
{
    public static void Parse(SourceText text, List<BlockingApiEntry> entries, List<BlockingApiListError> errors, CancellationToken cancellationToken)
    {
        foreach (var line in text.Lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var content = StripComment(line.ToString()).Trim();
            if (content.Length == 0)
                continue;

            if (TryParseEntry(content, out var entry, out var reason))
                entries.Add(entry);
            else
                errors.Add(new BlockingApiListError(line.LineNumber + 1, line.Span, reason));
        }
    }

    /// <summary>A comment starts at a '#' that begins the line or follows white space, so '#ctor' stays part of an ID.</summary>
    private static string StripComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
                return line.Substring(0, i);
        }

        return line;
    }

    private static bool TryParseEntry(string content, out BlockingApiEntry entry, out string reason)
    {
        entry = default;
        var isExemption = content[0] == '!';
        var id = isExemption ? content.Substring(1).TrimStart() : content;

        if (id.Length < 3 || id[1] != ':' || id[0] is not ('M' or 'P'))
        {
            reason = "an entry starts with 'M:' (method or constructor) or 'P:' (property or indexer), optionally after '!'";
            return false;
        }

        foreach (var c in id)
        {
            if (char.IsWhiteSpace(c))
            {
                reason = "a documentation ID contains no white space";
                return false;
            }
        }

        var star = id.IndexOf('*');
        if (star >= 0 && star != id.Length - 1)
        {
            reason = "'*' may only end an entry ('Type.Name*' for every overload, 'Type.*' for every member)";
            return false;
        }

        if (!HasBalancedParentheses(id))
        {
            reason = "the parameter list's parentheses do not match";
            return false;
        }

        var name = star < 0 ? id : id.Substring(0, star);
        var dot = name.LastIndexOf('.', name.IndexOf('(') is var paren and >= 0 ? paren : name.Length - 1);
        if (dot <= 2 || (star < 0 && dot == name.Length - 1))
        {
            reason = "an entry names a member of a type, as in 'M:Namespace.Type.Member'";
            return false;
        }

        if (star < 0)
            entry = new BlockingApiEntry(id, BlockingApiScope.Member, isExemption);
        else if (name[name.Length - 1] == '.')
            entry = new BlockingApiEntry(name.Substring(0, name.Length - 1), BlockingApiScope.Type, isExemption);
        else if (name.IndexOf('(') >= 0)
        {
            reason = "'*' after a parameter list is not allowed; write 'M:Type.Name*' to cover every overload";
            return false;
        }
        else
            entry = new BlockingApiEntry(name, BlockingApiScope.Overloads, isExemption);

        reason = string.Empty;
        return true;
    }

    private static bool HasBalancedParentheses(string id)
    {
        var depth = 0;
        foreach (var c in id)
        {
            if (c == '(')
                depth++;
            else if (c == ')' && --depth < 0)
                return false;
        }

        return depth == 0;
    }
}
