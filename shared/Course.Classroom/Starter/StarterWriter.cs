using Course.Classroom.Course;
using Course.Classroom.Exercises;
using Course.Classroom.Grading;
using Course.Classroom.Running;
using Course.Cli;

namespace Course.Classroom.Starter;

/// <summary>
/// Writes a student repository for an assignment:
/// 1. the chapters up to the assigned one and what their tests build on, their tests (without the
///    reference solutions), the chapter's page and what it links to, and the grader;
/// 2. the assigned exercise tests un-skipped, so they fail until the work is done;
/// 3. a solution file listing exactly those projects, a README, the classroom workflow, and
///    <c>.classroom/</c>: the assignment and a copy of the graded files as handed out.
/// </summary>
public sealed class StarterWriter(CourseTree course, TextWriter log)
{
    public async Task<Assignment> WriteAsync(Chapter chapter, IReadOnlyList<int>? exercises, string output, CancellationToken cancel)
    {
        IReadOnlyList<ExerciseTest> tests = ExerciseCatalog.Of(course, chapter);
        if (tests.Count == 0)
            throw new UserError($"--chapter {chapter.Number}: chapter {chapter.Name} has no exercise tests to assign.", ExitCodes.Usage);
        IReadOnlyList<int> wanted = exercises is { Count: > 0 } ? [.. exercises.Distinct().Order()] : [.. tests.Select(t => t.Number)];
        foreach (int number in wanted.Where(n => tests.All(t => t.Number != n)))
            throw new UserError($"--exercises {number}: chapter {chapter.Number} has no exercise {number} with a test; tested exercises: {string.Join(",", tests.Select(t => t.Number))}.",
                ExitCodes.Usage);
        string root = Path.GetFullPath(output);
        if (File.Exists(root) || Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            throw new UserError($"--out {output}: the folder exists and is not empty; give a new folder.", ExitCodes.Usage);

        var assigned = tests.Where(t => wanted.Contains(t.Number)).ToList();
        var numbers = wanted.ToHashSet();
        var graded = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var snapshots = new SortedDictionary<string, string>(StringComparer.Ordinal);
        IReadOnlyList<string> files = HandedOut.Files(course, chapter);
        foreach (string file in files)
        {
            byte[] content = HandedOut.Content(file, await File.ReadAllBytesAsync(course.PathOf(file), cancel), chapter, numbers);
            await WriteAsync(root, file, content, cancel);
            if (HandedOut.IsGraded(file))
            {
                graded[file] = Assignment.Hash(content);
                await WriteAsync(root, $"{Assignment.HandoutFolder}/{file}", content, cancel);
            }
            else if (file.Contains("/__snapshots__/", StringComparison.Ordinal))
            {
                snapshots[file] = Assignment.Hash(content);
            }
        }

        IReadOnlyList<Chapter> included = HandedOut.Chapters(course, chapter);
        TimeSpan bound = GradeOptions.DefaultBound(included.Count);
        await Dotnet.NewSolutionAsync(root, "Tutorial", files.Where(f => f.EndsWith(".csproj", StringComparison.Ordinal)), cancel);
        await File.WriteAllTextAsync(Path.Combine(root, "README.md"), StarterReadme.Text(chapter, assigned, included, bound), cancel);
        await WriteAsync(root, ClassroomWorkflow.Path, System.Text.Encoding.UTF8.GetBytes(ClassroomWorkflow.Text(ClassroomWorkflow.Packages(course), bound)), cancel);
        var assignment = new Assignment(chapter.Number, wanted, await CommitAsync(cancel), DateTimeOffset.UtcNow, graded, snapshots);
        assignment.Save(root);
        log.WriteLine($"starter: wrote {files.Count} files of chapters {included[0].Number} to {chapter.Number} to {output}");
        log.WriteLine($"starter: exercise{(assigned.Count == 1 ? "" : "s")} {string.Join(", ", wanted)} switched on: {string.Join("; ", assigned.Select(a => a.Method))}");
        log.WriteLine($"starter: next, push it as the assignment's template repository; grade with `dotnet run --project shared/Course.Classroom -- grade DIR`");
        return assignment;
    }

    private static async Task WriteAsync(string root, string file, byte[] content, CancellationToken cancel)
    {
        string path = Path.Combine(root, file.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content, cancel);
    }

    /// <summary>The course commit, if the course is a clean git checkout (otherwise its files are what they are now).</summary>
    private async Task<string?> CommitAsync(CancellationToken cancel)
    {
        ChildResult head = await ChildProcess.RunAsync("git", ["rev-parse", "HEAD"], course.Root, TimeSpan.FromSeconds(30), cancel: cancel);
        ChildResult status = await ChildProcess.RunAsync("git", ["status", "--porcelain", "--", "tests", "shared/Course.Testing"], course.Root, TimeSpan.FromSeconds(30), cancel: cancel);
        return head.Succeeded && status.Succeeded && status.Output.Trim().Length == 0 ? head.Output.Trim() : null;
    }
}
