using System.Diagnostics;
using Course.Classroom.Course;
using Course.Classroom.Exercises;
using Course.Classroom.Running;
using Course.Classroom.Starter;
using Course.Cli;

namespace Course.Classroom.Grading;

/// <summary>
/// Grades a student repository made by <c>starter</c>, in a copy of it (the student's folder is never
/// changed):
/// 1. put back every graded file as handed out (the tests, the test helpers, the build settings) and set
///    aside test files the student added: the suite that grades is the one that was handed out;
/// 2. build, then run every test, each step within what is left of the bound printed at the start;
/// 3. score with the <see cref="Rubric"/>: each assigned exercise by its test, the rest of the suite by
///    how many of its tests fail.
/// </summary>
public sealed class Grader(CourseTree course, TextWriter log)
{
    public async Task<Grade> RunAsync(GradeOptions options, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        Assignment assignment = Assignment.Load(options.Folder);
        CourseTree student = CourseTree.At(options.Folder);
        Chapter chapter = student.Chapter(assignment.Chapter);
        int chapters = HandedOut.Chapters(student, chapter).Count;
        TimeSpan bound = options.Bound ?? GradeOptions.DefaultBound(chapters);
        log.WriteLine($"grade: chapter {chapter.Name}, exercise{(assignment.Exercises.Count == 1 ? "" : "s")} {string.Join(", ", assignment.Exercises)}");
        log.WriteLine($"grade: stops after at most {bound.TotalMinutes:0} min (build up to {Math.Min(bound.TotalMinutes, GradeOptions.BuildShare.TotalMinutes):0} min, then the tests)");

        var handout = new Handout(course, options.Folder, assignment, chapter);
        log.WriteLine($"grade: tests as handed out, from {handout.Source}");
        IReadOnlyDictionary<string, byte[]> graded = await handout.FilesAsync(log, cancel);

        using ScratchCopy scratch = ScratchCopy.Of(student, keep: false);
        RestoreGradedFiles(scratch.Tree, graded);
        ListChangedSnapshots(scratch.Tree, assignment);

        IReadOnlyList<ExerciseTest> assigned = [.. ExerciseCatalog.Of(scratch.Tree, chapter).Where(e => assignment.Exercises.Contains(e.Number))];
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        TimeSpan Left() => bound - clock.Elapsed;
        ChildResult build = await Dotnet.BuildAsync(scratch.Tree.Root, "Tutorial.sln", Min(Left(), GradeOptions.BuildShare), ci, cancel);
        log.WriteLine($"grade: build {(build.Succeeded ? "succeeded" : "FAILED")} in {build.Took.TotalSeconds:0} s");
        if (!build.Succeeded)
        {
            string why = build.TimedOut ? "the build did not finish within the bound" : $"the code does not build:\n{Dotnet.BuildErrors(build)}";
            return Finish(Score(assignment, assigned, [], why, chapter, chapters), options);
        }

        string results = Path.Combine(scratch.Tree.Root, "TestResults", "grade");
        ChildResult test = await Dotnet.TestAsync(scratch.Tree.Root, "Tutorial.sln", results, null, Left(), ci, cancel);
        IReadOnlyList<TestOutcome> outcomes = TrxFiles.ReadAll(results);
        log.WriteLine($"grade: {outcomes.Count} tests ran in {test.Took.TotalSeconds:0} s");
        string? problem = test.TimedOut ? $"the tests did not finish within the bound of {bound.TotalMinutes:0} min; tests that had not reported count as failed" : null;
        return Finish(Score(assignment, assigned, outcomes, problem, chapter, chapters), options);
    }

    private Grade Finish(Grade grade, GradeOptions options)
    {
        GradeReport.Write(grade, log);
        if (options.JsonFile is { } json)
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(json));
            if (folder is not null) Directory.CreateDirectory(folder);
            File.WriteAllText(json, AutogradingJson.Write(grade));
            log.WriteLine($"grade: wrote {json}");
        }
        return grade;
    }

    private void RestoreGradedFiles(CourseTree scratch, IReadOnlyDictionary<string, byte[]> graded)
    {
        var restored = new List<string>();
        foreach (var (file, content) in graded)
        {
            string path = scratch.PathOf(file);
            if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(content)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
            restored.Add(file);
        }
        var added = scratch.FilesUnder(".").Where(f => HandedOut.IsGraded(f) && !graded.ContainsKey(f)).ToList();
        foreach (string file in added) File.Delete(scratch.PathOf(file));
        if (restored.Count > 0)
            log.WriteLine($"grade: put back {restored.Count} file(s) that differ from the handout: {string.Join(", ", restored)}");
        if (added.Count > 0)
            log.WriteLine($"grade: set aside {added.Count} file(s) added where the graded tests live: {string.Join(", ", added)}");
    }

    private void ListChangedSnapshots(CourseTree scratch, Assignment assignment)
    {
        var changed = assignment.ApprovedSnapshots
            .Where(s => !scratch.Exists(s.Key) || Assignment.Hash(File.ReadAllBytes(scratch.PathOf(s.Key))) != s.Value)
            .Select(s => s.Key)
            .Concat(scratch.FilesUnder("tests").Where(f => f.Contains("/__snapshots__/", StringComparison.Ordinal) && !assignment.ApprovedSnapshots.ContainsKey(f)))
            .ToList();
        if (changed.Count > 0)
            log.WriteLine($"grade: the student changed {changed.Count} approved output(s) (read them: were they meant to change?): {string.Join(", ", changed)}");
    }

    private static Grade Score(Assignment assignment, IReadOnlyList<ExerciseTest> assigned, IReadOnlyList<TestOutcome> outcomes,
        string? problem, Chapter chapter, int chapters)
    {
        var items = new List<GradeItem>();
        foreach (int number in assignment.Exercises)
        {
            ExerciseTest? test = assigned.FirstOrDefault(t => t.Number == number);
            TestOutcome? outcome = test is null ? null : outcomes.FirstOrDefault(o => o.IsIn(chapter) && o.Method == test.Method);
            string name = test?.Label ?? $"{chapter.Number} exercise {number}";
            string command = test is null ? "" : $"dotnet test {chapter.TestsFolder} --filter {test.Method}";
            items.Add(outcome switch
            {
                { Verdict: Verdict.Passed } => new GradeItem(name, Rubric.ExercisePoints, Rubric.ExercisePoints, ItemStatus.Pass, "its test passes", command, test!.File, outcome.Duration),
                { Verdict: Verdict.Failed } => new GradeItem(name, 0, Rubric.ExercisePoints, ItemStatus.Fail, $"its test fails: {outcome.Message}", command, test!.File, outcome.Duration),
                { Verdict: Verdict.Skipped } => new GradeItem(name, 0, Rubric.ExercisePoints, ItemStatus.Error, $"its test was skipped: {outcome.Message}", command, test!.File, TimeSpan.Zero),
                _ => new GradeItem(name, 0, Rubric.ExercisePoints, ItemStatus.Error,
                    test is null ? "its test is missing" : problem ?? "its test did not run", command, test?.File ?? "", TimeSpan.Zero),
            });
        }

        var rest = outcomes.Where(o => !assigned.Any(t => o.IsIn(chapter) && o.Method == t.Method)).ToList();
        var failing = rest.Where(o => o.Verdict == Verdict.Failed).ToList();
        int passed = rest.Count(o => o.Verdict == Verdict.Passed), skipped = rest.Count(o => o.Verdict == Verdict.Skipped);
        string suiteName = $"the rest of the suite ({(chapters == 1 ? $"chapter {chapter.Number}" : $"{chapters} chapters, up to {chapter.Number}")})";
        GradeItem suite = rest.Count == 0
            ? new GradeItem(suiteName, 0, Rubric.SuitePoints, ItemStatus.Error, problem ?? "no test ran", "dotnet test Tutorial.sln", "", TimeSpan.Zero)
            : new GradeItem(suiteName, problem is null ? Rubric.SuiteScore(failing.Count) : 0, Rubric.SuitePoints,
                failing.Count == 0 && problem is null ? ItemStatus.Pass : ItemStatus.Fail,
                $"{passed} passed, {failing.Count} failed{(skipped > 0 ? $", {skipped} skipped" : "")}"
                    + (failing.Count > 0 ? $"; {Rubric.Deduction} point off for each failing test: {string.Join("; ", failing.Take(8).Select(f => $"{f.FullName}: {f.FirstLine}"))}" : "")
                    + (problem is not null ? $"; {problem}" : ""),
                "dotnet test Tutorial.sln", "", TimeSpan.FromTicks(rest.Sum(o => o.Duration.Ticks)));
        items.Add(suite);
        return new Grade(chapter.Number, assignment.Exercises, items, problem);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
