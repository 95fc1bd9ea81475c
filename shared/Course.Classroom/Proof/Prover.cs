using System.Diagnostics;
using Course.Classroom.Course;
using Course.Classroom.Exercises;
using Course.Classroom.Running;
using Course.Cli;

namespace Course.Classroom.Proof;

/// <summary>
/// Proves, in a scratch copy of the course, that every exercise test judges the work it names:
/// 1. Without its solution: with every exercise test un-skipped and no solution applied, the chapters
///    build (each test compiles against the unsolved chapter) and each exercise test fails on an
///    assertion, within <see cref="ProveOptions.FailFast"/> (not on a time-out, not on an exception).
/// 2. With its solution: solutions are applied in batches, each batch built once and its chapters' whole
///    suites run; every exercise test of the batch passes and no other test of those chapters fails.
///    Solutions share a batch when their patches apply together and none touches a folder another
///    batch member's chapter builds from (chapter 06 builds on 05 and 03: their solutions go apart).
/// One build per direction and batch, not per exercise, keeps the proof to minutes.
/// </summary>
public sealed class Prover(CourseTree course, ProveOptions options, TextWriter log)
{
    private readonly List<string> _problems = [];

    /// <summary>Runs the proof; returns the report's lines. Throws <see cref="UserError"/> if anything is unproven.</summary>
    public async Task<ProofReport> RunAsync(CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<Chapter> chapters = options.Chapters.Count == 0 ? course.Chapters() : [.. options.Chapters.Select(course.Chapter)];
        var report = new ProofReport();
        var toProve = new List<(ExerciseTest Test, SolutionPatch Patch)>();
        foreach (Chapter chapter in chapters)
        {
            IReadOnlyList<ExerciseTest> tests = ExerciseCatalog.Of(course, chapter);
            var row = report.Row(chapter, tests.Count);
            foreach (ExerciseTest orphan in OrphanPatches(chapter, tests))
                _problems.Add($"{orphan.SolutionPatch}: there is no test ExerciseN_ for exercise {orphan.Number} in {chapter.ExercisesFolder}");
            foreach (ExerciseTest test in tests)
            {
                if (!course.Exists(test.SolutionPatch))
                {
                    if (!options.AllowUnproven.Contains(chapter.Number))
                        _problems.Add($"{test.Label}: no reference solution ({test.SolutionPatch})");
                    continue;
                }
                SolutionPatch patch = SolutionPatch.Read(course, test.SolutionPatch);
                foreach (string file in patch.ForbiddenFiles())
                    _problems.Add($"{test.SolutionPatch} changes {file}: a solution may change chapters/, docs/ and snapshots, never a test");
                toProve.Add((test, patch));
                row.Solutions++;
            }
        }
        if (_problems.Count > 0) throw Failure();
        if (toProve.Count == 0)
        {
            log.WriteLine("prove: no exercise test has a solution to prove");
            return report;
        }

        using ScratchCopy scratch = ScratchCopy.Of(course, options.KeepScratch);
        if (options.KeepScratch) log.WriteLine($"prove: scratch copy at {scratch.Tree.Root}");
        var closures = chapters.ToDictionary(c => c, c => ProjectGraph.Closure(course, ProjectGraph.TestProject(course, c)));

        await WithoutSolutionsAsync(scratch, toProve.Select(p => p.Test).ToList(), report, cancel);
        await WithSolutionsAsync(scratch, toProve, closures, report, cancel);

        report.Took = clock.Elapsed;
        if (_problems.Count > 0) throw Failure();
        return report;
    }

    private IEnumerable<ExerciseTest> OrphanPatches(Chapter chapter, IReadOnlyList<ExerciseTest> tests)
    {
        string folder = course.PathOf(chapter.SolutionsFolder);
        if (!Directory.Exists(folder)) yield break;
        foreach (string file in Directory.EnumerateFiles(folder, "*.patch"))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            if (!name.StartsWith("Exercise", StringComparison.Ordinal) || !int.TryParse(name["Exercise".Length..], out int number))
            {
                _problems.Add($"{course.Relative(file)}: a solution is named ExerciseN.patch");
                continue;
            }
            if (tests.All(t => t.Number != number)) yield return new ExerciseTest(chapter, number, $"Exercise{number}_", "");
        }
    }

    private async Task WithoutSolutionsAsync(ScratchCopy scratch, List<ExerciseTest> tests, ProofReport report, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        List<string> unskipped = UnskipInScratch(scratch, tests);
        var chapters = tests.Select(t => t.Chapter).Distinct().ToList();
        TestRun run = await BuildAndTestAsync(scratch, "without", chapters, Filter(tests), cancel);
        if (run.BuildError is { } error)
        {
            _problems.Add($"without solutions the exercise tests do not compile (each must compile against the unsolved chapter):\n{error}");
        }
        else
        {
            foreach (ExerciseTest test in tests)
            {
                TestOutcome? outcome = run.Find(test);
                string? problem = outcome switch
                {
                    null => "did not run",
                    { Verdict: Verdict.Passed } => "passes without its solution: it cannot tell the work was done",
                    { Verdict: not Verdict.Failed } => $"was {outcome.Verdict.ToString().ToLowerInvariant()}",
                    { FailedOnAssertion: false } => $"fails on an exception, not an assertion: {outcome.FirstLine}",
                    _ when outcome.Duration > options.FailFast => $"fails only after {outcome.Duration.TotalSeconds:0.0} s (more than {options.FailFast.TotalSeconds:0} s: a wait that timed out?): {outcome.FirstLine}",
                    _ => null,
                };
                if (problem is null)
                {
                    report.Row(test.Chapter).FailWithout++;
                    log.WriteLine($"prove: without its solution, {test.Label} fails in {outcome!.Duration.TotalSeconds:0.0} s: {Shorten(outcome.FirstLine)}");
                }
                else
                {
                    _problems.Add($"{test.Label}: without its solution it {problem}");
                }
            }
        }
        scratch.Restore(unskipped);
        report.WithoutTook = clock.Elapsed;
    }

    private async Task WithSolutionsAsync(ScratchCopy scratch, List<(ExerciseTest Test, SolutionPatch Patch)> pending,
        Dictionary<Chapter, IReadOnlySet<string>> closures, ProofReport report, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        for (int number = 1; pending.Count > 0; number++)
        {
            var batch = new List<(ExerciseTest Test, SolutionPatch Patch)>();
            var leftovers = new List<(ExerciseTest Test, SolutionPatch Patch)>();
            foreach (var item in pending)
            {
                bool clash = batch.Any(other => other.Test.Chapter != item.Test.Chapter
                    && (item.Patch.Files.Any(f => ProjectGraph.IsInside(f, closures[other.Test.Chapter]))
                        || other.Patch.Files.Any(f => ProjectGraph.IsInside(f, closures[item.Test.Chapter]))));
                if (!clash && (await item.Patch.ApplyAsync(scratch.Tree.Root, cancel: cancel)).Succeeded) batch.Add(item);
                else leftovers.Add(item);
            }
            if (batch.Count == 0)
            {
                var first = leftovers[0];
                ChildResult apply = await first.Patch.ApplyAsync(scratch.Tree.Root, check: true, cancel: cancel);
                _problems.Add($"{first.Patch.Path} does not apply to the course any more (refresh it: CONTRIBUTING.md, \"Reference solutions\"):\n{apply.Tail(10)}");
                pending = leftovers[1..];
                continue;
            }

            var tests = batch.Select(b => b.Test).ToList();
            List<string> touched = [.. UnskipInScratch(scratch, tests), .. batch.SelectMany(b => b.Patch.Files)];
            var chapters = tests.Select(t => t.Chapter).Distinct().ToList();
            log.WriteLine($"prove: batch {number}: {string.Join(", ", tests.Select(t => $"{t.Chapter.Number}/{t.Number}"))} applied; running {string.Join(", ", chapters.Select(c => c.Name))} whole");
            TestRun run = await BuildAndTestAsync(scratch, $"with{number}", chapters, filter: null, cancel);
            if (run.BuildError is { } error)
            {
                _problems.Add($"with the solutions {string.Join(", ", batch.Select(b => b.Patch.Path))} the chapters do not build:\n{error}");
            }
            else
            {
                foreach (ExerciseTest test in tests)
                {
                    TestOutcome? outcome = run.Find(test);
                    if (outcome is { Verdict: Verdict.Passed })
                    {
                        report.Row(test.Chapter).PassWith++;
                        log.WriteLine($"prove: with its solution, {test.Label} passes ({outcome.Duration.TotalSeconds:0.0} s)");
                    }
                    else
                    {
                        _problems.Add($"{test.Label}: with its solution it {(outcome is null ? "did not run" : $"is {outcome.Verdict.ToString().ToLowerInvariant()}: {outcome.FirstLine}")}");
                    }
                }
                var broken = run.Outcomes.Where(o => o.Verdict == Verdict.Failed && !tests.Any(t => Matches(o, t))).ToList();
                foreach (TestOutcome still in await StillBrokenAsync(scratch, $"with{number}-again", chapters, broken, cancel))
                    _problems.Add($"with {string.Join(", ", batch.Select(b => Path.GetFileName(b.Patch.Path)))} applied, {still.FullName} fails: {still.FirstLine}");
                foreach (Chapter chapter in chapters)
                    report.Row(chapter).SuiteTests = run.Outcomes.Count(o => o.IsIn(chapter));
            }
            scratch.Restore(touched);
            pending = leftovers;
        }
        report.WithTook = clock.Elapsed;
    }

    /// <summary>
    /// A batch runs several chapters' suites at once on a busy machine, and a few tests that pace themselves
    /// by a clock can miss a deadline there that they meet alone. A chapter test that fails in the batch runs
    /// again alone, with the same solutions applied: only if it fails again do the solutions break it.
    /// </summary>
    private async Task<IReadOnlyList<TestOutcome>> StillBrokenAsync(ScratchCopy scratch, string name, IReadOnlyList<Chapter> batch, IReadOnlyList<TestOutcome> broken, CancellationToken cancel)
    {
        if (broken.Count == 0) return [];
        var chapters = batch.Where(c => broken.Any(o => o.IsIn(c))).ToList();
        string filter = string.Join('|', broken.Select(o => $"FullyQualifiedName~{o.FullName.Split('(')[0]}"));
        log.WriteLine($"prove: {broken.Count} other test(s) failed with the batch running; running them again alone: {string.Join(", ", broken.Select(o => o.Method))}");
        TestRun again = await BuildAndTestAsync(scratch, name, chapters, filter, cancel);
        if (again.BuildError is not null) return broken;
        var still = broken.Where(o => again.Outcomes.FirstOrDefault(a => a.FullName == o.FullName) is not { Verdict: Verdict.Passed }).ToList();
        foreach (TestOutcome passed in broken.Except(still)) log.WriteLine($"prove: alone, {passed.FullName} passes (it failed in the batch: {Shorten(passed.FirstLine)})");
        return still;
    }

    private List<string> UnskipInScratch(ScratchCopy scratch, IEnumerable<ExerciseTest> tests)
    {
        var files = new List<string>();
        foreach (var group in tests.GroupBy(t => t.File))
        {
            if (Unskip.File(scratch.Tree.PathOf(group.Key), group.Select(t => t.Number).ToHashSet())) files.Add(group.Key);
        }
        return files;
    }

    private async Task<TestRun> BuildAndTestAsync(ScratchCopy scratch, string name, IReadOnlyList<Chapter> chapters, string? filter, CancellationToken cancel)
    {
        string solution = $"prove-{name}";
        await Dotnet.NewSolutionAsync(scratch.Tree.Root, solution, chapters.Select(c => ProjectGraph.TestProject(scratch.Tree, c)), cancel);
        var clock = Stopwatch.StartNew();
        ChildResult build = await Dotnet.BuildAsync(scratch.Tree.Root, solution + ".sln", ProveOptions.BuildLimit, ci: true, cancel);
        log.WriteLine($"prove: {name}: built {string.Join(", ", chapters.Select(c => c.Number))} in {clock.Elapsed.TotalSeconds:0} s");
        if (!build.Succeeded) return new TestRun([], build.TimedOut ? "the build did not finish in time" : Dotnet.BuildErrors(build));

        string results = Path.Combine(scratch.Tree.Root, "TestResults", name);
        clock.Restart();
        ChildResult test = await Dotnet.TestAsync(scratch.Tree.Root, solution + ".sln", results, filter, ProveOptions.TestLimit, ci: true, cancel);
        log.WriteLine($"prove: {name}: tests ran in {clock.Elapsed.TotalSeconds:0} s");
        if (test.TimedOut) _problems.Add($"{name}: the tests did not finish within {ProveOptions.TestLimit.TotalMinutes:0} min");
        return new TestRun(TrxFiles.ReadAll(results), null);
    }

    private static string Filter(IEnumerable<ExerciseTest> tests) =>
        string.Join('|', tests.Select(t => $"FullyQualifiedName~.{t.Method}"));

    private static bool Matches(TestOutcome outcome, ExerciseTest test) => outcome.IsIn(test.Chapter) && outcome.Method == test.Method;

    private static string Shorten(string line) => line.Length <= 110 ? line : line[..107] + "...";

    private UserError Failure() =>
        new($"the exercise proof failed:\n  {string.Join("\n  ", _problems.Select(p => p.Replace("\n", "\n    ")))}", ExitCodes.Failure);

    private sealed record TestRun(IReadOnlyList<TestOutcome> Outcomes, string? BuildError)
    {
        public TestOutcome? Find(ExerciseTest test) => Outcomes.FirstOrDefault(o => Matches(o, test));
    }
}
