using Course.Classroom.Course;

namespace Course.Classroom.Exercises;

/// <summary>
/// One exercise's test: <c>ExerciseN_what_it_checks</c> in <c>tests/NN-name.Tests/Exercises/</c>, skipped
/// on the main line with <c>Skip = "Exercise N ..."</c>. Its reference solution, if written, is
/// <c>Exercises/Solutions/ExerciseN.patch</c>.
/// </summary>
/// <param name="SwitchedOn">Its Skip is gone in this tree: a student's or a contributor's work in progress.</param>
public sealed record ExerciseTest(Chapter Chapter, int Number, string Method, string File, bool SwitchedOn = false)
{
    /// <summary>"what it checks" in words, from the method name: the test names the behaviour.</summary>
    public string Title => Method[(Method.IndexOf('_') + 1)..].Replace('_', ' ');

    public string SolutionPatch => $"{Chapter.SolutionsFolder}/Exercise{Number}.patch";

    /// <summary>How the grade and the JSON name it: "04 exercise 1: a late joiner sees the last messages".</summary>
    public string Label => $"{Chapter.Number} exercise {Number}: {Title}";

    public override string ToString() => Label;
}
