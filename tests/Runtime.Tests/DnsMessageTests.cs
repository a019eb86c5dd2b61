using System.Net;
using Loopwire.Tests.Support;

namespace Loopwire.Tests;

/// <summary>
/// The DNS message reader and writer on their own: RFC 1035's wire form, and answers built to break a parser
/// (compression loops, pointers out of range, records running past the end), which must be refused with a
/// <see cref="DnsFormatException"/>, never another exception or a loop without end.
/// </summary>
public sealed class DnsMessageTests
{
    private static readonly byte[] Header = [0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0];

    [Fact]
    public void A_query_is_the_header_and_one_question_with_recursion_desired()
    {
        DnsQuestion question = DnsQuestion.TryCreate("Example.com.", DnsRecordType.Mx)!;

        Assert.Equal(
            [0xAB, 0xCD, 0x01, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, .. "Example"u8, 3, .. "com"u8, 0, 0, 15, 0, 1],
            question.ToMessage(0xABCD));
        Assert.True(question.Matches("example.COM", DnsRecordType.Mx, 1));
        Assert.False(question.Matches("example.com", DnsRecordType.A, 1));
    }

    [Fact]
    public void A_name_that_is_not_ASCII_is_sent_in_its_IDNA_form_as_Node_sends_it()
    {
        Assert.Equal("xn--bcher-kva.test", DnsQuestion.TryCreate("bücher.test", DnsRecordType.A)!.Name);
        Assert.Equal([0], DnsQuestion.TryCreate("", DnsRecordType.Ns)!.EncodedName); // the root, as Node's resolve('')
    }

    [Theory]
    [InlineData("a..test")]
    [InlineData(".test")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.test")] // a 64-byte label
    public void A_name_DNS_cannot_carry_has_no_question(string name)
    {
        Assert.Null(DnsQuestion.TryCreate(name, DnsRecordType.A));
    }

    [Fact]
    public void Compressed_names_are_followed_and_labels_printed_as_c_ares_prints_them()
    {
        byte[] message = Message(
            [3, .. "a.b"u8, 1, 0x20, 4, .. "test"u8, 0, 0, 12, 0, 1], // a label holding a dot, one holding a space
            FakeDnsRecord.Raw([0xC0, 12], 12, 60, 2, [0xC0, 12]));

        DnsResponse response = DnsResponse.Parse(message);

        Assert.Equal(@"a\.b. .test", response.QuestionName);
        DnsRecord record = Assert.Single(response.Answers);
        Assert.Equal((@"a\.b. .test", DnsRecordType.Ptr, 60, (object)@"a\.b. .test"), (record.Name, record.Type, record.Ttl, record.Data!));
    }

    [Fact]
    public void A_pointer_to_itself_or_in_a_loop_is_refused()
    {
        byte[] self = Message([0xC0, 12, 0, 1, 0, 1]);
        byte[] loop = Message([1, (byte)'a', 0xC0, 12, 0, 1, 0, 1]); // a, then back to a
        byte[] forward = Message([0xC0, 14, 0xC0, 12, 0, 1, 0, 1]); // each points at the other

        Assert.Contains("points to 12", Assert.Throws<DnsFormatException>(() => DnsResponse.Parse(self)).Message);
        Assert.Throws<DnsFormatException>(() => DnsResponse.Parse(loop));
        Assert.Throws<DnsFormatException>(() => DnsResponse.Parse(forward));
    }

    [Fact]
    public void A_pointer_or_a_label_past_the_end_is_refused()
    {
        Assert.Throws<DnsFormatException>(() => DnsResponse.Parse(Message([0xC0, 0xFF, 0, 1, 0, 1])));
        Assert.Throws<DnsFormatException>(() => DnsResponse.Parse(Message([5, (byte)'a'])));
        Assert.Throws<DnsFormatException>(() => DnsResponse.Parse(Message([0x40, 0, 0, 1, 0, 1]))); // a reserved label type
        Assert.Throws<DnsFormatException>(() => DnsResponse.Parse([0x12, 0x34, 0x81]));
    }

    [Fact]
    public void A_name_over_255_bytes_is_refused_even_when_each_pointer_goes_back()
    {
        // four questions, each a 63-byte label then a pointer to the name before: the fourth is 4 * 64 + 1 bytes
        var questions = new List<byte>();
        int previous = 0;
        for (int i = 0; i < 4; i++)
        {
            int start = 12 + questions.Count;
            questions.Add(63);
            questions.AddRange(Enumerable.Repeat((byte)('a' + i), 63));
            questions.AddRange(i == 0 ? [0] : [0xC0, (byte)previous]);
            questions.AddRange([0, 1, 0, 1]);
            previous = start;
        }

        byte[] message = [.. Header[..5], 4, 0, 0, 0, 0, 0, 0, .. questions];

        Assert.Contains("255", Assert.Throws<DnsFormatException>(() => DnsResponse.Parse(message)).Message);
    }

    [Fact]
    public void Record_data_that_does_not_fit_its_type_is_refused()
    {
        byte[] question = [1, (byte)'a', 0, 0, 1, 0, 1];

        Assert.Throws<DnsFormatException>(() => DnsResponse.Parse(Message(question, FakeDnsRecord.Raw([0xC0, 12], 1, 60, 3, [192, 0, 2]))));
        Assert.Throws<DnsFormatException>(() => DnsResponse.Parse(Message(question, FakeDnsRecord.Raw([0xC0, 12], 1, 60, 4, [192, 0]))));
        Assert.Throws<DnsFormatException>(() => DnsResponse.Parse(Message(question, FakeDnsRecord.Raw([0xC0, 12], 16, 60, 3, [5, (byte)'a', (byte)'b']))));
        Assert.Throws<DnsFormatException>(() => DnsResponse.Parse(Message(question, FakeDnsRecord.Raw([0xC0, 12], 5, 60, 3, [0xC0, 12, 0]))));
        Assert.Equal(IPAddress.Parse("192.0.2.1"), DnsResponse.Parse(Message(question, FakeDnsRecord.A("192.0.2.1"))).Answers[0].Data);
    }

    [Fact]
    public void Any_damage_to_an_answer_is_read_or_refused_never_thrown_otherwise()
    {
        // a fixed seed: the same thousands of damaged answers every run
        byte[] question = [2, .. "mx"u8, 4, .. "test"u8, 0, 0, 15, 0, 1];
        byte[] valid = Message(question, FakeDnsRecord.Mx(10, "mail.test"), FakeDnsRecord.Txt("a", "b"), FakeDnsRecord.Srv(1, 2, 3, "sip.test"),
            FakeDnsRecord.Soa("ns.test", "h.test", 1, 2, 3, 4, 5), FakeDnsRecord.Cname("x.test"), FakeDnsRecord.Aaaa("2001:db8::1"));
        valid[7] = 6;
        var random = new Random(20240101);
        int refused = 0;

        for (int i = 0; i < 20_000; i++)
        {
            byte[] damaged = random.Next(4) == 0 ? valid[..random.Next(valid.Length)] : (byte[])valid.Clone();
            for (int flips = random.Next(1, 4); flips > 0 && damaged.Length > 0; flips--)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            try
            {
                DnsResponse.Parse(damaged);
            }
            catch (DnsFormatException)
            {
                refused++;
            }
        }

        Assert.InRange(refused, 1_000, 20_000);
    }

    /// <summary>A header with one question and as many answers as given, then the question and the records.</summary>
    private static byte[] Message(byte[] question, params byte[][] records)
    {
        byte[] header = [.. Header];
        header[7] = (byte)records.Length;
        return [.. header, .. question, .. records.SelectMany(record => record)];
    }
}
