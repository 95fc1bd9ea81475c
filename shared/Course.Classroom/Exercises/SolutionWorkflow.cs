using System.Text;
using Course.Classroom.Course;
using Course.Classroom.Running;
using Course.Cli;

namespace Course.Classroom.Exercises;

/// <summary>
/// For whoever keeps the solutions up to date: <c>solution apply</c> puts a solution into the working tree
/// (merging it three ways if the chapter changed since) and switches its test on; <c>solution save</c>
/// writes the working tree's changes back as the patch. Between the two, edit and run the test as a
/// student would. The commands print what to run to get back to a clean tree.
/// </summary>
public sealed class SolutionWorkflow(CourseTree course, TextWriter log)
{
    public async Task ApplyAsync(ExerciseTest test, CancellationToken cancel)
    {
        if (!course.Exists(test.SolutionPatch))
            throw new UserError($"{test.SolutionPatch} does not exist yet: write the solution, then `solution save`.", ExitCodes.Usage);
        ChildResult applied = await ChildProcess.RunAsync("git", ["apply", "--3way", "--whitespace=nowarn", course.PathOf(test.SolutionPatch)],
            course.Root, TimeSpan.FromMinutes(1), cancel: cancel);
        log.Write(applied.Output);
        Unskip.File(course.PathOf(test.File), new HashSet<int> { test.Number });
        log.WriteLine(applied.Succeeded
            ? $"solution: applied {test.SolutionPatch} and switched on {test.Method}"
            : $"solution: {test.SolutionPatch} left conflicts (<<<<<<< markers, listed above): resolve them, then `solution save`");
        log.WriteLine($"solution: check it with `dotnet test {test.Chapter.TestsFolder}` (the whole chapter must stay green)");
    }

    public async Task SaveAsync(ExerciseTest test, CancellationToken cancel)
    {
        // A patch is the whole difference from HEAD, so another exercise's solution still applied here
        // (its test switched on by `solution apply`) would be saved into this one without a word.
        ExerciseTest[] others = [.. ExerciseCatalog.All(course).Where(e => e.SwitchedOn && !(e.Chapter == test.Chapter && e.Number == test.Number))];
        if (others.Length > 0)
            throw new UserError($"other exercise tests are switched on here ({string.Join(", ", others.Select(o => $"{o.Chapter.Number}/{o.Number}"))}): " +
                "their solutions would end up in this patch. Save each solution from a tree that holds only its own work.", ExitCodes.Usage);

        // Only what this exercise's chapter may change: its own folders and the chapters' libraries it builds
        // on, the docs, its snapshots. Work in other chapters (someone else's, or a refactoring) stays out.
        string[] folders = [.. ProjectGraph.Closure(course, ProjectGraph.TestProject(course, test.Chapter))
            .Where(f => f.StartsWith("chapters/", StringComparison.Ordinal))];
        string[] paths = [.. folders, "docs", $":(glob){test.Chapter.TestsFolder}/__snapshots__/**"];
        ChildResult elsewhere = await ChildProcess.RunAsync("git", ["status", "--porcelain", "--", "chapters", .. folders.Select(f => $":(exclude){f}")],
            course.Root, TimeSpan.FromMinutes(1), cancel: cancel);
        if (elsewhere.Output.Trim().Length > 0)
            log.WriteLine($"solution: left out, not in what {test.Chapter.Name} builds from:\n{elsewhere.Output.TrimEnd()}");
        ChildResult diff = await ChildProcess.RunAsync("git", ["--no-pager", "diff", "HEAD", "--no-color", "--no-ext-diff", "--", .. paths],
            course.Root, TimeSpan.FromMinutes(1), cancel: cancel);
        if (!diff.Succeeded) throw new UserError($"git diff failed: {diff.Tail(5)}");
        var patch = new StringBuilder(diff.Output);
        // New files are not in `git diff HEAD` until added; diff them against nothing instead.
        ChildResult untracked = await ChildProcess.RunAsync("git", ["ls-files", "--others", "--exclude-standard", "--", .. paths],
            course.Root, TimeSpan.FromMinutes(1), cancel: cancel);
        foreach (string file in untracked.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            ChildResult added = await ChildProcess.RunAsync("git", ["--no-pager", "diff", "--no-index", "--no-color", "--", "/dev/null", file],
                course.Root, TimeSpan.FromMinutes(1), cancel: cancel);
            patch.Append(added.Output); // exit code 1 means "they differ", which they do
        }
        if (patch.Length == 0) throw new UserError($"the working tree has no changes under {string.Join(", ", folders)}, docs/ or {test.Chapter.TestsFolder}/__snapshots__: nothing to save.");
        log.WriteLine($"solution: the patch changes {string.Join(", ", System.Text.RegularExpressions.Regex.Matches(patch.ToString(), "^diff --git a/(\\S+)", System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => m.Groups[1].Value))}: check that is all this exercise's work");
        string path = course.PathOf(test.SolutionPatch);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, patch.ToString(), cancel);
        log.WriteLine($"solution: wrote {test.SolutionPatch} ({patch.ToString().Split('\n').Length} lines)");
        // The solution now lives in the patch; the same lines left in the chapter would land on the main line
        // at the next commit (CI's proof would then find the test passing without its solution).
        log.WriteLine($"solution: the solution is still applied here; do not commit {string.Join(", ", folders)} or docs as they are.");
        log.WriteLine($"solution: back to a clean tree: git checkout -- {string.Join(" ", folders)} docs {test.Chapter.TestsFolder} && git clean -n {string.Join(" ", folders)} docs (then -f)");
    }
}
