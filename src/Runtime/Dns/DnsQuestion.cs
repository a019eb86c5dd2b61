using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Loopwire;

/// <summary>
/// A query's question, and the message that asks it: RFC 1035's header with one question of class IN and recursion
/// desired, no EDNS record, as c-ares sends by default.
/// </summary>
internal sealed class DnsQuestion
{
    private const int MaxNameBytes = 255;
    private const int MaxLabelBytes = 63;
    private static readonly IdnMapping Idn = new();

    private DnsQuestion(string name, DnsRecordType type, byte[] encodedName)
    {
        Name = name;
        Type = type;
        EncodedName = encodedName;
    }

    /// <summary>The name asked about, as sent (ASCII, without a trailing dot).</summary>
    public string Name { get; }

    /// <summary>The record type asked for.</summary>
    public DnsRecordType Type { get; }

    /// <summary>The name in wire form: length-prefixed labels, then a zero byte.</summary>
    public byte[] EncodedName { get; }

    /// <summary>
    /// The question for <paramref name="hostname"/>, or null when it is not a name DNS can carry (c-ares' EBADNAME):
    /// an empty label (<c>a..b</c>), a label over 63 bytes, or more than 255 bytes in all. A name that is not ASCII is
    /// turned to its IDNA form first (<c>xn--…</c>), as Node's <c>toASCII</c> does; an empty name or <c>.</c> is the root.
    /// </summary>
    public static DnsQuestion? TryCreate(string hostname, DnsRecordType type)
    {
        string name = hostname.EndsWith('.') ? hostname[..^1] : hostname;
        if (!Ascii.IsValid(name))
        {
            try
            {
                name = Idn.GetAscii(name);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        var encoded = new List<byte>(name.Length + 2);
        if (name.Length > 0)
        {
            foreach (string label in name.Split('.'))
            {
                if (label.Length is 0 or > MaxLabelBytes)
                {
                    return null;
                }

                encoded.Add((byte)label.Length);
                foreach (char c in label)
                {
                    encoded.Add((byte)c);
                }
            }
        }

        encoded.Add(0);
        return encoded.Count > MaxNameBytes ? null : new DnsQuestion(name, type, [.. encoded]);
    }

    /// <summary>The query message with <paramref name="id"/>.</summary>
    public byte[] ToMessage(ushort id)
    {
        var message = new byte[12 + EncodedName.Length + 4];
        BinaryPrimitives.WriteUInt16BigEndian(message, id);
        message[2] = 0x01; // RD: the server recurses for us
        message[5] = 1; // QDCOUNT
        EncodedName.CopyTo(message, 12);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(12 + EncodedName.Length), (ushort)Type);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(14 + EncodedName.Length), 1); // class IN
        return message;
    }

    /// <summary>Whether an answer's question is this one: same type, class IN, and the same name but for ASCII case, as c-ares compares.</summary>
    public bool Matches(string name, DnsRecordType type, int recordClass) =>
        type == Type && recordClass == 1 && NamesEqual(name, Name);

    /// <summary>DNS names compare without regard to ASCII case (RFC 4343).</summary>
    public static bool NamesEqual(string left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    /// <summary>Appends a label read from the wire as c-ares prints it: dots and backslashes escaped, unprintable bytes as <c>\DDD</c>.</summary>
    public static void AppendLabel(StringBuilder text, ReadOnlySpan<byte> label)
    {
        foreach (byte b in label)
        {
            if (b is (byte)'.' or (byte)'\\')
            {
                text.Append('\\').Append((char)b);
            }
            else if (b is < 0x20 or > 0x7E)
            {
                text.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append((char)b);
            }
        }
    }
}
