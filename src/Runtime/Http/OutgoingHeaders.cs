using System.Buffers;

namespace Loopwire.Http;

/// <summary>
/// The headers of a message being sent, as Node's <c>OutgoingMessage</c> keeps them: in the order first set, names
/// in the case they were set in, looked up regardless of case, each with one value or several (sent as one line each).
/// Names and values are checked when set, as Node checks them, so a bad one fails where it was set.
/// </summary>
internal sealed class OutgoingHeaders
{
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private readonly List<KeyValuePair<string, string[]>> _fields = [];

    /// <summary>The headers, in the order first set.</summary>
    public IReadOnlyList<KeyValuePair<string, string[]>> Fields => _fields;

    /// <summary>Sets <paramref name="name"/> to <paramref name="values"/>, in place of any values it had.</summary>
    public void Set(string name, string[] values)
    {
        Validate(name, values);
        int index = IndexOf(name);
        if (index < 0)
        {
            _fields.Add(new(name, values));
        }
        else
        {
            _fields[index] = new(_fields[index].Key, values);
        }
    }

    /// <summary>Adds <paramref name="values"/> after any values <paramref name="name"/> has (Node's <c>appendHeader</c>).</summary>
    public void Append(string name, string[] values)
    {
        Validate(name, values);
        int index = IndexOf(name);
        if (index < 0)
        {
            _fields.Add(new(name, values));
        }
        else
        {
            _fields[index] = new(_fields[index].Key, [.. _fields[index].Value, .. values]);
        }
    }

    /// <summary>The values of <paramref name="name"/>, or null when it is not set.</summary>
    public string[]? Get(string name)
    {
        int index = IndexOf(name);
        return index < 0 ? null : _fields[index].Value;
    }

    /// <summary>Whether <paramref name="name"/> is set.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Removes <paramref name="name"/>; whether it was set.</summary>
    public bool Remove(string name)
    {
        int index = IndexOf(name);
        if (index >= 0)
        {
            _fields.RemoveAt(index);
        }

        return index >= 0;
    }

    /// <summary>Whether <paramref name="name"/> is set with a value that holds <paramref name="token"/> as one of its comma-separated parts, in any case.</summary>
    public bool HasToken(string name, string token)
    {
        string[]? values = Get(name);
        if (values is null)
        {
            return false;
        }

        foreach (string value in values)
        {
            ReadOnlySpan<char> rest = value;
            while (true)
            {
                int comma = rest.IndexOf(',');
                if ((comma < 0 ? rest : rest[..comma]).Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (comma < 0)
                {
                    break;
                }

                rest = rest[(comma + 1)..];
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="text"/> is an HTTP token, as a header name or a method must be.</summary>
    public static bool IsToken(string text) => text.Length > 0 && text.AsSpan().IndexOfAnyExcept(TokenChars) < 0;

    /// <summary>Checks a header name as Node's <c>validateHeaderName</c> does.</summary>
    /// <exception cref="ArgumentException">The name is empty or not an HTTP token.</exception>
    private static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsToken(name))
        {
            throw new ArgumentException(
                $"Header name must be a valid HTTP token [\"{name}\"] (Node's ERR_INVALID_HTTP_TOKEN): use letters, digits and !#$%&'*+-.^_`|~ only.",
                nameof(name));
        }
    }

    private static void Validate(string name, string[] values)
    {
        ValidateName(name);
        foreach (string value in values)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
            foreach (char c in value)
            {
                // As Node's checkInvalidHeaderChar: HTAB, visible ASCII, space and Latin-1's upper half, which go out as bytes.
                if ((c < ' ' && c != '\t') || c == '\x7f' || c > '\xff')
                {
                    throw new ArgumentException(
                        $"Invalid character in header content [\"{name}\"] (Node's ERR_INVALID_CHAR): a header value may hold no line breaks or control characters, and only Latin-1 text.",
                        nameof(values));
                }
            }
        }
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < _fields.Count; i++)
        {
            if (string.Equals(_fields[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
