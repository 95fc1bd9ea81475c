namespace Course.Classroom.Grading;

/// <summary>
/// The automatic part of the rubric in docs/teachers.md. Each assigned exercise is worth
/// <see cref="ExercisePoints"/> when its test passes; the rest of the suite is worth
/// <see cref="SuitePoints"/>, less <see cref="Deduction"/> for every other test that fails. The rest of the
/// teacher's rubric (one clear line per user error, readable code, written answers) is read, not run.
/// </summary>
public static class Rubric
{
    public const int ExercisePoints = 5;
    public const int SuitePoints = 5;
    public const int Deduction = 1;

    public static int MaxScore(int exercises) => exercises * ExercisePoints + SuitePoints;

    public static int SuiteScore(int failing) => Math.Max(0, SuitePoints - failing * Deduction);
}
