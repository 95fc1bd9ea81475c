namespace Course.Classroom.Course;

/// <summary>
/// A copy of the course in a temporary folder, without build output or git history, where the proof may
/// apply solutions and un-skip tests: the working tree a contributor is editing is never touched.
/// Files are put back one by one after each step, so the build stays incremental between steps.
/// </summary>
public sealed class ScratchCopy : IDisposable
{
    private readonly CourseTree _source;
    private readonly bool _keep;

    private ScratchCopy(CourseTree source, string folder, bool keep)
    {
        _source = source;
        _keep = keep;
        Tree = CourseTree.At(folder);
    }

    public CourseTree Tree { get; }

    public static ScratchCopy Of(CourseTree source, bool keep)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"classroom-{Guid.NewGuid():N}"[..22]);
        foreach (string file in source.FilesUnder("."))
        {
            string target = Path.Combine(folder, file.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source.PathOf(file), target);
        }
        return new ScratchCopy(source, folder, keep);
    }

    /// <summary>Makes <paramref name="files"/> what they are in the course again (deleting those it does not have).</summary>
    public void Restore(IEnumerable<string> files)
    {
        foreach (string file in files)
        {
            string target = Tree.PathOf(file);
            if (File.Exists(_source.PathOf(file)))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(_source.PathOf(file), target, overwrite: true);
                // File.Copy keeps the source's time stamp, older than the build that used the solution's
                // version: the next build would think nothing changed and reuse the solved assembly.
                File.SetLastWriteTimeUtc(target, DateTime.UtcNow);
            }
            else if (File.Exists(target))
            {
                File.Delete(target);
            }
        }
    }

    public void Dispose()
    {
        if (_keep) return;
        try { Directory.Delete(Tree.Root, recursive: true); }
        catch (IOException) { /* a test process still closing its files: the temp folder is cleaned later */ }
        catch (UnauthorizedAccessException) { }
    }
}
