using Course.Classroom.Course;
using Course.Classroom.Starter;
using Course.Cli;

namespace Course.Classroom.Grading;

/// <summary>
/// Where the grader gets the tests as they were handed out. Run by a teacher from the course repository,
/// from the course itself (the student never had write access to it): the course's files, with the same
/// exercises un-skipped, or if the course has moved on since, the files of the commit the starter was
/// made from. Run inside the student repository (its workflow), from the copy the starter left in
/// <c>.classroom/handout</c>, which the student could have edited: that grade is only a preview.
/// </summary>
public sealed class Handout
{
    private readonly CourseTree _course;
    private readonly string _student;
    private readonly Assignment _assignment;
    private readonly Chapter _chapter;

    public Handout(CourseTree course, string studentFolder, Assignment assignment, Chapter chapter)
    {
        _course = course;
        _student = Path.GetFullPath(studentFolder);
        _assignment = assignment;
        _chapter = chapter;
        FromStudentCopy = string.Equals(Path.GetFullPath(course.Root).TrimEnd(Path.DirectorySeparatorChar), _student.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
    }

    /// <summary>True inside the student repository: the tests come from its own (editable) copy.</summary>
    public bool FromStudentCopy { get; }

    public string Source => FromStudentCopy
        ? $"the repository's own copy in {Assignment.HandoutFolder} (a preview: the student can edit it)"
        : $"the course at {_course.Root}";

    /// <summary>The handed-out content of every graded file, checked against the hashes the starter wrote.</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> FilesAsync(TextWriter log, CancellationToken cancel)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var edited = new List<string>();
        var exercises = _assignment.Exercises.ToHashSet();
        foreach (var (file, hash) in _assignment.GradedFiles)
        {
            byte[]? content;
            if (FromStudentCopy)
            {
                string copy = Path.Combine(_student, Assignment.HandoutFolder, file);
                content = File.Exists(copy) ? await File.ReadAllBytesAsync(copy, cancel) : null;
                if (content is null || Assignment.Hash(content) != hash) edited.Add(file);
                if (content is null) continue;
            }
            else
            {
                content = _course.Exists(file) ? HandedOut.Content(file, await File.ReadAllBytesAsync(_course.PathOf(file), cancel), _chapter, exercises) : null;
                if (content is null || Assignment.Hash(content) != hash)
                {
                    content = await AtCommitAsync(file, exercises, cancel);
                    if (content is null || Assignment.Hash(content) != hash)
                        throw new UserError(
                            $"the course's {file} is not the one this starter handed out{(_assignment.CourseCommit is { } c ? $" (from commit {c[..Math.Min(12, c.Length)]})" : "")}: " +
                            "grade with the course at that commit (git worktree add ../course-then <commit>).");
                }
            }
            files[file] = content;
        }
        if (edited.Count > 0)
            log.WriteLine($"grade: note: {edited.Count} file(s) in {Assignment.HandoutFolder} differ from the handout: {string.Join(", ", edited.Take(5))}");
        return files;
    }

    private async Task<byte[]?> AtCommitAsync(string file, IReadOnlySet<int> exercises, CancellationToken cancel)
    {
        if (_assignment.CourseCommit is not { } commit) return null;
        // The blob's exact bytes (a byte-order mark included), which a text pipe would not keep.
        var start = new System.Diagnostics.ProcessStartInfo("git", ["cat-file", "blob", $"{commit}:{file}"])
        {
            WorkingDirectory = _course.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var git = System.Diagnostics.Process.Start(start);
        if (git is null) return null;
        using var blob = new MemoryStream();
        Task errors = git.StandardError.ReadToEndAsync(cancel);
        await git.StandardOutput.BaseStream.CopyToAsync(blob, cancel).WaitAsync(TimeSpan.FromMinutes(1), cancel);
        await git.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromMinutes(1), cancel);
        await errors;
        return git.ExitCode == 0 ? HandedOut.Content(file, blob.ToArray(), _chapter, exercises) : null;
    }
}
