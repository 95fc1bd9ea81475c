using System.Linq.Expressions;
using System.Reflection;

namespace Pickling;

/// <summary>
/// Builds, once per registered type, the methods you would otherwise write by hand for it. For the
/// bench's <c>Pellet</c> (X, Y, Colour) they are, in effect:
/// <code>
/// static object Create() => new Pellet();
///
/// static void Write(PickleWriter writer, object record)
/// {
///     var pellet = (Pellet)record;
///     writer.Write(pellet.X);        // Write&lt;double&gt;: FLOAT and 8 bytes, no boxing
///     writer.Write(pellet.Y);
///     writer.Write(pellet.Colour);   // Write&lt;int&gt;: INT and a varint
/// }
///
/// static void Read(PickleReader reader, object record)
/// {
///     var pellet = (Pellet)record;
///     double x = reader.Read&lt;double&gt;();
///     try { pellet.X = x; } catch (Exception e) { throw reader.Refused("Pellet", "X", e); }
///     ... and the same for Y and Colour
/// }
/// </code>
/// Why build them instead of looping over the fields? A loop calls each field through a virtual method
/// and a getter delegate: three indirect calls per value, none of which the JIT can see through. These
/// methods are straight-line code with every call known, so the JIT inlines the property getters and
/// setters and the writer's small typed methods, as it would in code you typed. Expression trees are
/// .NET's way to build such a method at run time; <c>Compile()</c> turns the tree into machine code.
/// </summary>
internal static class RecordCompiler
{
    public static Func<object> Create<TRecord>() where TRecord : class, new() =>
        // Not "() => new TRecord()": in generic code that is a call to Activator, several times slower.
        Expression.Lambda<Func<object>>(Expression.New(typeof(TRecord))).Compile();

    public static Action<PickleWriter, object> Writer<TRecord>(IReadOnlyList<PropertyInfo> properties)
    {
        ParameterExpression writer = Expression.Parameter(typeof(PickleWriter), "writer");
        ParameterExpression boxed = Expression.Parameter(typeof(object), "record");
        ParameterExpression record = Expression.Variable(typeof(TRecord), "typed");
        var steps = new List<Expression> { Expression.Assign(record, Expression.Convert(boxed, typeof(TRecord))) };
        foreach (PropertyInfo property in properties)
            steps.Add(Expression.Call(writer, WriteMethod(property.PropertyType), Expression.Property(record, property)));
        return Expression.Lambda<Action<PickleWriter, object>>(Expression.Block([record], steps), writer, boxed).Compile();
    }

    public static Action<PickleReader, object> Reader<TRecord>(string typeName, IReadOnlyList<PropertyInfo> properties)
    {
        ParameterExpression reader = Expression.Parameter(typeof(PickleReader), "reader");
        ParameterExpression boxed = Expression.Parameter(typeof(object), "record");
        ParameterExpression record = Expression.Variable(typeof(TRecord), "typed");
        ParameterExpression error = Expression.Parameter(typeof(Exception), "e");
        var variables = new List<ParameterExpression> { record };
        var steps = new List<Expression> { Expression.Assign(record, Expression.Convert(boxed, typeof(TRecord))) };
        foreach (PropertyInfo property in properties)
        {
            // Read the value first, outside the try: a bad stream's PickleFormatException must pass as it is.
            ParameterExpression value = Expression.Variable(property.PropertyType, property.Name);
            variables.Add(value);
            steps.Add(Expression.Assign(value, Expression.Call(reader, ReadMethod(property.PropertyType))));
            // A setter is the record author's code and may refuse a value (a negative score, say). The value
            // came from the stream, so for the caller this is bad input like any other.
            steps.Add(Expression.TryCatch(
                Expression.Block(typeof(void), Expression.Assign(Expression.Property(record, property), value)),
                Expression.Catch(error, Expression.Throw(Expression.Call(reader, Refused, Expression.Constant(typeName),
                    Expression.Constant(property.Name), error)))));
        }
        return Expression.Lambda<Action<PickleReader, object>>(Expression.Block(variables, steps), reader, boxed).Compile();
    }

    private static readonly MethodInfo Refused = typeof(PickleReader).GetMethod(nameof(PickleReader.Refused))!;

    /// <summary>The writer's method for a field of this type: a list goes to the typed list writer.</summary>
    private static MethodInfo WriteMethod(Type fieldType) => ListItemType(fieldType) is { } item
        ? typeof(PickleWriter).GetMethod(nameof(PickleWriter.WriteList))!.MakeGenericMethod(item)
        : typeof(PickleWriter).GetMethod(nameof(PickleWriter.Write))!.MakeGenericMethod(fieldType);

    private static MethodInfo ReadMethod(Type fieldType) => ListItemType(fieldType) is { } item
        ? typeof(PickleReader).GetMethod(nameof(PickleReader.ReadList))!.MakeGenericMethod(item)
        : typeof(PickleReader).GetMethod(nameof(PickleReader.Read))!.MakeGenericMethod(fieldType);

    private static Type? ListItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;
}
