using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Loopwire;

/// <summary>
/// An answer read from the wire (RFC 1035 section 4): the header, the question, and the answer section's records.
/// Every section is read, the authority and additional ones only to check them, so a message that does not parse
/// (a record running past the end, a data length that does not fit its type, a compression pointer out of range or in
/// a loop) is refused as a whole, as c-ares refuses it. Reading never loops without end: a compression pointer must
/// point before every label of its name read so far, so each jump goes strictly backwards.
/// </summary>
internal sealed class DnsResponse
{
    private const int HeaderLength = 12;
    private const int MaxNameBytes = 255;

    private DnsResponse(ushort id, ushort flags, string questionName, DnsRecordType questionType, int questionClass, int questionCount, List<DnsRecord> answers)
    {
        Id = id;
        Flags = flags;
        QuestionName = questionName;
        QuestionType = questionType;
        QuestionClass = questionClass;
        QuestionCount = questionCount;
        Answers = answers;
    }

    /// <summary>The id, which matches the query's.</summary>
    public ushort Id { get; }

    /// <summary>The header's second 16 bits: QR, opcode, AA, TC, RD, RA, Z and the response code.</summary>
    public ushort Flags { get; }

    /// <summary>Whether the message is an answer (QR), not a query.</summary>
    public bool IsResponse => (Flags & 0x8000) != 0;

    /// <summary>Whether the answer was cut to fit a datagram (TC): the whole one comes over TCP.</summary>
    public bool IsTruncated => (Flags & 0x0200) != 0;

    /// <summary>The response code: 0 no error, 1 format error, 2 server failure, 3 no such name, 4 not implemented, 5 refused.</summary>
    public int ResponseCode => Flags & 0x000F;

    /// <summary>How many questions the message carries; an answer to one of the resolver's queries carries one.</summary>
    public int QuestionCount { get; }

    /// <summary>The first question's name (empty when there is none).</summary>
    public string QuestionName { get; }

    /// <summary>The first question's type.</summary>
    public DnsRecordType QuestionType { get; }

    /// <summary>The first question's class.</summary>
    public int QuestionClass { get; }

    /// <summary>The answer section's records, in order.</summary>
    public List<DnsRecord> Answers { get; }

    /// <summary>Reads <paramref name="message"/>; a message that does not parse throws <see cref="DnsFormatException"/>.</summary>
    public static DnsResponse Parse(ReadOnlySpan<byte> message)
    {
        if (message.Length < HeaderLength)
        {
            throw new DnsFormatException($"the message is {message.Length} bytes, shorter than a DNS header");
        }

        ushort id = BinaryPrimitives.ReadUInt16BigEndian(message);
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        int questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        int answerCount = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        int otherCount = BinaryPrimitives.ReadUInt16BigEndian(message[8..]) + BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
        int offset = HeaderLength;

        string questionName = "";
        DnsRecordType questionType = 0;
        int questionClass = 0;
        for (int i = 0; i < questions; i++)
        {
            string name = ReadName(message, ref offset);
            ReadOnlySpan<byte> fixedPart = Take(message, ref offset, 4);
            if (i == 0)
            {
                (questionName, questionType, questionClass) =
                    (name, (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(fixedPart), BinaryPrimitives.ReadUInt16BigEndian(fixedPart[2..]));
            }
        }

        var answers = new List<DnsRecord>(Math.Min(answerCount, 16));
        for (int i = 0; i < answerCount; i++)
        {
            answers.Add(ReadRecord(message, ref offset));
        }

        for (int i = 0; i < otherCount; i++)
        {
            ReadRecord(message, ref offset);
        }

        return new DnsResponse(id, flags, questionName, questionType, questionClass, questions, answers);
    }

    private static DnsRecord ReadRecord(ReadOnlySpan<byte> message, ref int offset)
    {
        string name = ReadName(message, ref offset);
        ReadOnlySpan<byte> fixedPart = Take(message, ref offset, 10);
        var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(fixedPart);
        uint ttl = BinaryPrimitives.ReadUInt32BigEndian(fixedPart[4..]);
        int length = BinaryPrimitives.ReadUInt16BigEndian(fixedPart[8..]);
        int start = offset;
        Take(message, ref offset, length);

        // The data is read within its own bounds: a name in it may point anywhere before, but may not run past them.
        ReadOnlySpan<byte> bounded = message[..offset];
        int at = start;
        object? data = type switch
        {
            DnsRecordType.A => ReadAddress(bounded, ref at, 4),
            DnsRecordType.Aaaa => ReadAddress(bounded, ref at, 16),
            DnsRecordType.Cname or DnsRecordType.Ns or DnsRecordType.Ptr => ReadName(bounded, ref at),
            DnsRecordType.Mx => ReadMx(bounded, ref at),
            DnsRecordType.Txt => ReadTxt(bounded, ref at),
            DnsRecordType.Srv => ReadSrv(bounded, ref at),
            DnsRecordType.Soa => ReadSoa(bounded, ref at),
            _ => null,
        };
        if (data is not null && at != offset)
        {
            throw new DnsFormatException($"a {type} record's data is {length} bytes, which its fields do not fill");
        }

        // RFC 2181 section 8: a TTL with its top bit set is read as zero.
        return new DnsRecord(name, type, ttl > int.MaxValue ? 0 : (int)ttl, data);
    }

    private static IPAddress ReadAddress(ReadOnlySpan<byte> message, ref int offset, int length)
    {
        if (message.Length - offset != length)
        {
            throw new DnsFormatException($"an address record's data is {message.Length - offset} bytes, not {length}");
        }

        return new IPAddress(Take(message, ref offset, length));
    }

    private static MxRecord ReadMx(ReadOnlySpan<byte> message, ref int offset)
    {
        int priority = BinaryPrimitives.ReadUInt16BigEndian(Take(message, ref offset, 2));
        return new MxRecord(ReadName(message, ref offset), priority);
    }

    private static SrvRecord ReadSrv(ReadOnlySpan<byte> message, ref int offset)
    {
        ReadOnlySpan<byte> fixedPart = Take(message, ref offset, 6);
        int priority = BinaryPrimitives.ReadUInt16BigEndian(fixedPart);
        int weight = BinaryPrimitives.ReadUInt16BigEndian(fixedPart[2..]);
        int port = BinaryPrimitives.ReadUInt16BigEndian(fixedPart[4..]);
        return new SrvRecord(ReadName(message, ref offset), port, priority, weight);
    }

    private static SoaRecord ReadSoa(ReadOnlySpan<byte> message, ref int offset)
    {
        string nsName = ReadName(message, ref offset);
        string hostmaster = ReadName(message, ref offset);
        ReadOnlySpan<byte> numbers = Take(message, ref offset, 20);
        return new SoaRecord(
            nsName,
            hostmaster,
            BinaryPrimitives.ReadUInt32BigEndian(numbers),
            BinaryPrimitives.ReadUInt32BigEndian(numbers[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(numbers[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(numbers[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(numbers[16..]));
    }

    /// <summary>A TXT record's strings, each one byte per character (Latin-1), as Node makes them.</summary>
    private static string[] ReadTxt(ReadOnlySpan<byte> message, ref int offset)
    {
        var strings = new List<string>();
        while (offset < message.Length)
        {
            int length = Take(message, ref offset, 1)[0];
            strings.Add(Encoding.Latin1.GetString(Take(message, ref offset, length)));
        }

        return strings.Count > 0 ? [.. strings] : throw new DnsFormatException("a TXT record holds no string");
    }

    /// <summary>
    /// Reads a name at <paramref name="offset"/>, following compression pointers, and moves past it (past its first
    /// pointer, if it has one). Each pointer must point before the start of the stretch of labels it ends, so every
    /// jump lands strictly earlier than the last one: a loop, or a pointer forward or to itself, is refused.
    /// </summary>
    private static string ReadName(ReadOnlySpan<byte> message, ref int offset)
    {
        var text = new StringBuilder();
        int position = offset;
        int stretchStart = offset;
        int length = 1; // the root's zero byte
        bool jumped = false;
        while (true)
        {
            if (position >= message.Length)
            {
                throw new DnsFormatException("a name runs past the end of the message");
            }

            int labelLength = message[position];
            if ((labelLength & 0xC0) == 0xC0)
            {
                if (position + 1 >= message.Length)
                {
                    throw new DnsFormatException("a compression pointer runs past the end of the message");
                }

                int target = ((labelLength & 0x3F) << 8) | message[position + 1];
                if (target >= stretchStart)
                {
                    throw new DnsFormatException($"a compression pointer at {position} points to {target}, not before the name it ends");
                }

                if (!jumped)
                {
                    offset = position + 2;
                    jumped = true;
                }

                position = stretchStart = target;
                continue;
            }

            if ((labelLength & 0xC0) != 0)
            {
                throw new DnsFormatException($"a label at {position} has a reserved type (0x{labelLength:X2})");
            }

            if (labelLength == 0)
            {
                if (!jumped)
                {
                    offset = position + 1;
                }

                return text.ToString();
            }

            length += labelLength + 1;
            if (length > MaxNameBytes || position + 1 + labelLength > message.Length)
            {
                throw new DnsFormatException(length > MaxNameBytes ? "a name is longer than 255 bytes" : "a label runs past the end of the message");
            }

            if (text.Length > 0)
            {
                text.Append('.');
            }

            DnsQuestion.AppendLabel(text, message.Slice(position + 1, labelLength));
            position += 1 + labelLength;
        }
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> message, ref int offset, int count)
    {
        if (count > message.Length - offset)
        {
            throw new DnsFormatException($"the message ends {count - (message.Length - offset)} bytes short of a record's fields");
        }

        ReadOnlySpan<byte> taken = message.Slice(offset, count);
        offset += count;
        return taken;
    }
}
