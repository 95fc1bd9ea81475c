namespace Course.Cli;

/// <summary>
/// The program's first thread. Windows and their event loop must live on it on macOS (Cocoa allows no
/// other), so a window refuses to open elsewhere on every OS: a mistake shows on Linux too, not only on a
/// student's Mac. An async verb runs on this thread only until its first <c>await</c> that waits; after
/// that it continues on a pool thread. <see cref="Wait{T}"/> waits for async work without leaving it.
/// </summary>
public static class MainThread
{
    private static int _id;

    /// <summary>Called by <see cref="CourseApp.Run"/>, which runs on the main thread.</summary>
    internal static void Remember() => _id = Environment.CurrentManagedThreadId;

    public static bool IsCurrent => _id != 0 && Environment.CurrentManagedThreadId == _id;

    /// <summary>Throws unless on the main thread (or outside a course program, where nobody said which it is).</summary>
    public static void Require(string what)
    {
        if (_id != 0 && !IsCurrent)
            throw new InvalidOperationException($"{what} must be opened on the program's main thread (macOS allows no other); this is thread {Environment.CurrentManagedThreadId}");
    }

    /// <summary>
    /// Waits on this thread for async work (which runs on pool threads meanwhile). In a console program there
    /// is no synchronisation context to deadlock on, and the thread stays the main one.
    /// </summary>
    public static T Wait<T>(Task<T> work) => work.GetAwaiter().GetResult();

    public static void Wait(Task work) => work.GetAwaiter().GetResult();
}
