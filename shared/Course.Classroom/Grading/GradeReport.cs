namespace Course.Classroom.Grading;

/// <summary>The grade as the teacher (or the student) reads it in a terminal.</summary>
public static class GradeReport
{
    public static void Write(Grade grade, TextWriter output)
    {
        output.WriteLine();
        foreach (GradeItem item in grade.Items)
        {
            output.WriteLine($"  {item.Score,2}/{item.MaxScore}  {item.Name}");
            output.WriteLine($"         {Shorten(item.Message)}");
        }
        output.WriteLine($"  total {grade.Score}/{grade.MaxScore}: the automatic part of the rubric (docs/teachers.md); the rest is read by the teacher");
        if (grade.Problem is not null) output.WriteLine($"  not fully graded: {Shorten(grade.Problem)}");
        output.WriteLine();
    }

    private static string Shorten(string text)
    {
        string line = text.ReplaceLineEndings(" | ");
        return line.Length <= 400 ? line : line[..397] + "...";
    }
}
