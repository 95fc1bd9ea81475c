namespace Course.Classroom.Course;

/// <summary>
/// One chapter, found by the course's folder conventions alone: <c>chapters/NN-name</c>, its tests in
/// <c>tests/NN-name.Tests</c>, its page in <c>docs/chapters/NN-name.md</c>. Paths are relative to the
/// course root and use '/', so they read the same in a manifest, a patch and a log line.
/// </summary>
public sealed record Chapter(string Number, string Name)
{
    public string Folder => $"chapters/{Name}";
    public string TestsFolder => $"tests/{Name}.Tests";
    public string ExercisesFolder => $"{TestsFolder}/Exercises";
    /// <summary>Reference solutions and model answers: kept in the repository, never compiled, never handed out.</summary>
    public string SolutionsFolder => $"{ExercisesFolder}/Solutions";
    public string AnswersFile => $"{SolutionsFolder}/answers.md";
    public string DocsPage => $"docs/chapters/{Name}.md";

    public override string ToString() => Name;
}
