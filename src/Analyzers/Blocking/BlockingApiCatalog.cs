using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Loopwire.Analyzers.Blocking;

/// <summary>
/// Decides which library members block: the built-in list (<c>BlockingApis.txt</c>, embedded) followed by the
/// project's <c>Loopwire.BlockingApis*.txt</c> additional files. Lookups walk from the receiver's type up to the
/// member's declaring type and the most derived type that the lists mention decides, so <c>Stream.Read</c> blocks
/// while <c>MemoryStream</c>'s does not; at one type an exemption (<c>!</c>) beats an inclusion.
/// </summary>
internal sealed class BlockingApiCatalog
{
    private const string BuiltInResourceName = "Loopwire.Analyzers.BlockingApis.txt";

    private static readonly Lazy<IReadOnlyList<BlockingApiEntry>> BuiltInEntries = new(LoadBuiltInEntries);

    private readonly HashSet<string> blocking = new(StringComparer.Ordinal);
    private readonly HashSet<string> exempt = new(StringComparer.Ordinal);
    private readonly HashSet<string> wildcards = new(StringComparer.Ordinal);

    /// <summary>Types that any line mentions; every other type is skipped after one cached lookup.</summary>
    private readonly HashSet<string> mentionedTypes = new(StringComparer.Ordinal);

    /// <summary>
    /// The mentioned types' simple names ("File", "BlockingCollection"): a type whose name is not among them is
    /// skipped without building its documentation ID or touching the shared cache, which spares every source type.
    /// </summary>
    private readonly HashSet<string> mentionedTypeNames = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<ITypeSymbol, string?> mentionedTypeIds = new(SymbolEqualityComparer.Default);
    private readonly Func<ITypeSymbol, string?> computeMentionedTypeId;
    private readonly Func<ISymbol, bool> isAsyncMember;

    private BlockingApiCatalog(Func<ISymbol, bool> isAsyncMember)
    {
        this.isAsyncMember = isAsyncMember;
        computeMentionedTypeId = type => GetTypeId(type) is var id && mentionedTypes.Contains(id) ? id : null;
    }

    /// <summary>
    /// Builds the catalog for one compilation; malformed user lines are skipped here and reported by LW1007.
    /// <paramref name="isAsyncMember"/> tells members returning a task or async stream, which wildcards skip.
    /// </summary>
    public static BlockingApiCatalog Create(IEnumerable<AdditionalText> additionalFiles, Func<ISymbol, bool> isAsyncMember, CancellationToken cancellationToken)
    {
        var catalog = new BlockingApiCatalog(isAsyncMember);
        foreach (var entry in BuiltInEntries.Value)
            catalog.Add(entry);

        var entries = new List<BlockingApiEntry>();
        var errors = new List<BlockingApiListError>();
        foreach (var file in additionalFiles)
        {
            if (!IsBlockingList(file) || file.GetText(cancellationToken) is not { } text)
                continue;
            BlockingApiListParser.Parse(text, entries, errors, cancellationToken);
        }

        foreach (var entry in entries)
            catalog.Add(entry);
        return catalog;
    }

    /// <summary>True for the additional files a project uses to extend the list: <c>Loopwire.BlockingApis*.txt</c>.</summary>
    public static bool IsBlockingList(AdditionalText file)
    {
        var name = Path.GetFileName(file.Path);
        return name.StartsWith("Loopwire.BlockingApis", StringComparison.OrdinalIgnoreCase)
            && name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// True when calling <paramref name="member"/> (a method or property, as bound) on a receiver of static type
    /// <paramref name="receiverType"/> blocks. Wildcards never cover members that return a task or async stream, and <c>Type.*</c> covers no constructor.
    /// </summary>
    public bool IsBlocking(ISymbol member, ITypeSymbol? receiverType)
    {
        var declaringType = member.ContainingType?.OriginalDefinition;
        if (declaringType is null)
            return false;

        string? memberId = null;
        var startType = receiverType is INamedTypeSymbol { TypeKind: TypeKind.Class } && !member.IsStatic ? receiverType.OriginalDefinition : declaringType;
        for (var type = startType; type is not null; type = type.BaseType?.OriginalDefinition)
        {
            var typeId = GetMentionedTypeId(type);
            if (typeId is not null)
            {
                memberId ??= GetMemberId(member);
                if (memberId is not null && Decide(typeId, member, memberId, declaringType) is { } verdict)
                    return verdict;
            }

            if (SymbolEqualityComparer.Default.Equals(type, declaringType))
                break;
        }

        return false;
    }

    private bool? Decide(string typeId, ISymbol member, string memberId, INamedTypeSymbol declaringType)
    {
        // memberId is "M:Declaring.Type.Name(Params)"; re-root its member part on the type being examined.
        var declaringTypeId = GetTypeId(declaringType);
        var memberPart = memberId.Substring(2 + declaringTypeId.Length + 1);
        var kind = memberId.Substring(0, 2);
        var exactKey = kind + typeId + "." + memberPart;
        var overloadsKey = kind + typeId + "." + StripParametersAndArity(memberPart);
        var typeKey = kind + typeId;

        if (exempt.Contains(exactKey) || exempt.Contains(overloadsKey) || exempt.Contains(typeKey))
            return false;
        if (blocking.Contains(exactKey))
            return true;
        if ((wildcards.Contains(overloadsKey) || (wildcards.Contains(typeKey) && !memberPart.StartsWith("#ctor", StringComparison.Ordinal)))
            && !isAsyncMember(member))
            return true;
        return null;
    }

    /// <summary>
    /// The member's documentation ID as lists write it: Roslyn appends "~ReturnType" to some IDs, which only
    /// conversion operators need to tell their overloads apart.
    /// </summary>
    private static string? GetMemberId(ISymbol member)
    {
        var id = DocumentationCommentId.CreateDeclarationId(member.OriginalDefinition);
        var tilde = id?.IndexOf('~') ?? -1;
        return tilde < 0 || member is IMethodSymbol { MethodKind: MethodKind.Conversion } ? id : id!.Substring(0, tilde);
    }

    private static string StripParametersAndArity(string memberPart)
    {
        var end = memberPart.IndexOf('(');
        var name = end < 0 ? memberPart : memberPart.Substring(0, end);
        var arity = name.IndexOf("``", StringComparison.Ordinal);
        return arity < 0 ? name : name.Substring(0, arity);
    }

    private string? GetMentionedTypeId(ITypeSymbol type) =>
        mentionedTypeNames.Contains(type.Name) ? mentionedTypeIds.GetOrAdd(type, computeMentionedTypeId) : null;

    /// <summary>The documentation ID of a type without its "T:" prefix, e.g. <c>System.Collections.Concurrent.BlockingCollection`1</c>.</summary>
    private static string GetTypeId(ITypeSymbol type) =>
        DocumentationCommentId.CreateDeclarationId(type) is { Length: > 2 } id ? id.Substring(2) : string.Empty;

    private void Add(BlockingApiEntry entry)
    {
        var target = entry.IsExemption ? exempt : entry.Scope == BlockingApiScope.Member ? blocking : wildcards;
        target.Add(entry.Key);
        var typeId = TypeOf(entry);
        mentionedTypes.Add(typeId);
        mentionedTypeNames.Add(SimpleName(typeId));
    }

    /// <summary>"System.Collections.Concurrent.BlockingCollection`1" → "BlockingCollection", as <see cref="ISymbol.Name"/> gives it.</summary>
    private static string SimpleName(string typeId)
    {
        var start = typeId.LastIndexOf('.') + 1;
        var arity = typeId.IndexOf('`', start);
        return arity < 0 ? typeId.Substring(start) : typeId.Substring(start, arity - start);
    }

    private static string TypeOf(BlockingApiEntry entry)
    {
        var key = entry.Key.Substring(2);
        if (entry.Scope == BlockingApiScope.Type)
            return key;
        var paren = key.IndexOf('(');
        return key.Substring(0, key.LastIndexOf('.', paren < 0 ? key.Length - 1 : paren));
    }

    private static IReadOnlyList<BlockingApiEntry> LoadBuiltInEntries()
    {
        using var stream = typeof(BlockingApiCatalog).Assembly.GetManifestResourceStream(BuiltInResourceName)
            ?? throw new InvalidOperationException("The built-in blocking list is not embedded in the analyzer assembly.");
        var text = SourceText.From(stream);
        var entries = new List<BlockingApiEntry>();
        var errors = new List<BlockingApiListError>();
        BlockingApiListParser.Parse(text, entries, errors, CancellationToken.None);
        if (errors.Count > 0)
            throw new InvalidOperationException($"Line {errors[0].LineNumber} of the built-in blocking list: {errors[0].Reason}");
        return entries;
    }
}
