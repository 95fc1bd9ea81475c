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
        // Only what this exercise's chapter may change: its own folders (and the libraries it builds on),
        // the docs, its snapshots. Commit other work first: it would end up in the patch.
        string[] paths = ["chapters", "docs", $":(glob){test.Chapter.TestsFolder}/__snapshots__/**"];
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
        if (patch.Length == 0) throw new UserError("the working tree has no changes under chapters/, docs/ or a __snapshots__ folder: nothing to save.");
        log.WriteLine($"solution: the patch changes {string.Join(", ", System.Text.RegularExpressions.Regex.Matches(patch.ToString(), "^diff --git a/(\\S+)", System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => m.Groups[1].Value))}: check that is all this exercise's work");
        string path = course.PathOf(test.SolutionPatch);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, patch.ToString(), cancel);
        log.WriteLine($"solution: wrote {test.SolutionPatch} ({patch.ToString().Split('\n').Length} lines)");
        log.WriteLine($"solution: back to a clean tree: git checkout -- chapters docs {test.Chapter.TestsFolder} && git clean -n chapters docs (then -f)");
    }
}
