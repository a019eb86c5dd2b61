using Xunit;
using Verify = Loopwire.Analyzers.Tests.Infrastructure.AnalyzerVerifier<Loopwire.Analyzers.Rules.BlockingApiListAnalyzer>;

namespace Loopwire.Analyzers.Tests.Rules;

public sealed class BlockingApiListAnalyzerTests
{
    [Fact]
    public Task Malformed_lines_are_reported_with_their_line_numbers() =>
        Verify.VerifyAsync(
            "class C { }",
            [("Loopwire.BlockingApis.Vendor.txt", """
                # fine
                M:Vendor.Client.Get*
                !M:System.IO.File.Exists(System.String)
                T:Vendor.Client
                M:Vendor.Cl*ient.Get
                M:Vendor.Client.Get(System.String
                M:Vendor.Client.Get(System.String)*
                M:Client
                """)],
            Verify.Diagnostic("LW1007").WithSpan("Loopwire.BlockingApis.Vendor.txt", 4, 1, 4, 16)
                .WithArguments(4, "Loopwire.BlockingApis.Vendor.txt", "an entry starts with 'M:' (method or constructor) or 'P:' (property or indexer), optionally after '!'"),
            Verify.Diagnostic("LW1007").WithSpan("Loopwire.BlockingApis.Vendor.txt", 5, 1, 5, 21)
                .WithArguments(5, "Loopwire.BlockingApis.Vendor.txt", "'*' may only end an entry ('Type.Name*' for every overload, 'Type.*' for every member)"),
            Verify.Diagnostic("LW1007").WithSpan("Loopwire.BlockingApis.Vendor.txt", 6, 1, 6, 34)
                .WithArguments(6, "Loopwire.BlockingApis.Vendor.txt", "the parameter list's parentheses do not match"),
            Verify.Diagnostic("LW1007").WithSpan("Loopwire.BlockingApis.Vendor.txt", 7, 1, 7, 36)
                .WithArguments(7, "Loopwire.BlockingApis.Vendor.txt", "'*' after a parameter list is not allowed; write 'M:Type.Name*' to cover every overload"),
            Verify.Diagnostic("LW1007").WithSpan("Loopwire.BlockingApis.Vendor.txt", 8, 1, 8, 9)
                .WithArguments(8, "Loopwire.BlockingApis.Vendor.txt", "an entry names a member of a type, as in 'M:Namespace.Type.Member'"));

    [Fact]
    public Task Other_additional_files_are_ignored() =>
        Verify.VerifyAsync("class C { }", [("notes.txt", "T:not a list")]);
}
