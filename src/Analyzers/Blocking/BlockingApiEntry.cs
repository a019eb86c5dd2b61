namespace Loopwire.Analyzers.Blocking;

/// <summary>How much of a type one line of a blocking list covers.</summary>
internal enum BlockingApiScope
{
    /// <summary><c>M:System.Threading.Thread.Sleep(System.Int32)</c>: one member.</summary>
    Member,

    /// <summary><c>M:System.Threading.Thread.Sleep*</c>: every overload of one name.</summary>
    Overloads,

    /// <summary><c>M:System.IO.File.*</c>: every member of that kind on the type.</summary>
    Type,
}

/// <summary>One parsed line of a blocking list: the key it is looked up by and whether it exempts (<c>!</c>).</summary>
internal readonly struct BlockingApiEntry
{
    public BlockingApiEntry(string key, BlockingApiScope scope, bool isExemption)
    {
        Key = key;
        Scope = scope;
        IsExemption = isExemption;
    }

    /// <summary>
    /// The lookup key: the full documentation ID for <see cref="BlockingApiScope.Member"/>, <c>M:Type.Name</c> for
    /// <see cref="BlockingApiScope.Overloads"/> and <c>M:Type</c> for <see cref="BlockingApiScope.Type"/>.
    /// </summary>
    public string Key { get; }

    public BlockingApiScope Scope { get; }

    public bool IsExemption { get; }
}
