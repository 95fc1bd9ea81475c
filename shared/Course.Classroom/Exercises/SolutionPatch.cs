using System.Text.RegularExpressions;
using Course.Classroom.Running;

namespace Course.Classroom.Exercises;

/// <summary>
/// A reference solution: a patch in git's format (<c>git diff</c> output), paths from the course root.
/// A patch rather than copies of whole files: it says exactly what the solution changes, so a teacher can
/// read it in a minute; it applies to a chapter that has changed elsewhere since; and when it no longer
/// applies, <c>git apply --3way</c> merges it like any other change (CONTRIBUTING.md says how).
/// </summary>
public sealed partial class SolutionPatch
{
    private SolutionPatch(string path, string fullPath, string text)
    {
        Path = path;
        FullPath = fullPath;
        Text = text;
        Files = [.. FileHeader().Matches(text).SelectMany(m => new[] { m.Groups["a"].Value, m.Groups["b"].Value })
            .Where(f => f != "dev/null").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The patch file, relative to the course root.</summary>
    public string Path { get; }
    public string FullPath { get; }
    public string Text { get; }
    /// <summary>Every file the patch changes, creates or deletes (relative, '/').</summary>
    public IReadOnlyList<string> Files { get; }

    public static SolutionPatch Read(Course.CourseTree course, string relative)
    {
        string full = course.PathOf(relative);
        var patch = new SolutionPatch(relative, full, File.ReadAllText(full));
        if (patch.Files.Count == 0) throw new InvalidOperationException($"{relative} changes no file: is it a git diff?");
        return patch;
    }

    /// <summary>
    /// What a solution may touch: the chapters' code, the docs (an exercise may ask for a protocol line)
    /// and snapshots (an exercise may change an approved output on purpose). Never a test: a student cannot
    /// change the tests either (the grader puts them back), so a solution that needs to is no solution.
    /// </summary>
    public IReadOnlyList<string> ForbiddenFiles() =>
        [.. Files.Where(f => !(f.StartsWith("chapters/", StringComparison.Ordinal)
                             || f.StartsWith("docs/", StringComparison.Ordinal)
                             || f.StartsWith("tests/", StringComparison.Ordinal) && f.Contains("/__snapshots__/", StringComparison.Ordinal)))];

    /// <summary>Applies the patch to the tree at <paramref name="folder"/> (no git repository needed there).</summary>
    /// <param name="check">Only say whether it would apply, change nothing.</param>
    public Task<ChildResult> ApplyAsync(string folder, bool check = false, CancellationToken cancel = default) =>
        ChildProcess.RunAsync("git", ["apply", "--whitespace=nowarn", .. check ? new[] { "--check" } : [], FullPath],
            folder, TimeSpan.FromMinutes(1), cancel: cancel);

    [GeneratedRegex(@"^diff --git a/(?<a>\S+) b/(?<b>\S+)$", RegexOptions.Multiline)]
    private static partial Regex FileHeader();
}
