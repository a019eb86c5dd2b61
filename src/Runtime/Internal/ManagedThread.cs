using System.Runtime.CompilerServices;

namespace Loopwire.Internal;

/// <summary>
/// The calling thread's managed id, cached in a thread-static: the JIT inlines the read, where
/// <see cref="Environment.CurrentManagedThreadId"/> is a call. Every loop API checks it (thread affinity).
/// </summary>
internal static class ManagedThread
{
    [ThreadStatic]
    private static int t_id;

    public static int CurrentId
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            int id = t_id;
            return id != 0 ? id : CacheId();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int CacheId() => t_id = Environment.CurrentManagedThreadId;
}
