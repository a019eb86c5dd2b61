using System.Reflection;
using Loopwire.Generators.Helpers;
using Loopwire.Generators.Models;
using Microsoft.CodeAnalysis;

namespace Loopwire.Generators.Tests.Generator;

/// <summary>The pipeline's models hold only equatable data: no symbols, syntax, semantic models or compilations.</summary>
public sealed class ModelShapeTests
{
    private static readonly Type[] Forbidden =
        [typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel), typeof(Compilation), typeof(Location), typeof(SyntaxToken)];

    [Fact]
    public void Models_reach_no_symbol_syntax_or_compilation()
    {
        var visited = WalkPipelines();

        Assert.Contains(typeof(EmitterModel), visited);
        Assert.Contains(typeof(AttachModel), visited);
        Assert.Contains(typeof(SubscriptionModel), visited);
        Assert.Contains(typeof(ParameterModel), visited);
        Assert.Contains(typeof(LocationInfo), visited);
    }

    [Fact]
    public void Model_types_are_equatable()
    {
        var visited = WalkPipelines();

        foreach (var type in visited.Where(t => t.Namespace == typeof(EmitterModel).Namespace))
        {
            Assert.True(typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type), $"{type.Name} is not equatable");
        }
    }

    // What each generator's pipeline carries between steps: its parse result.
    private static HashSet<Type> WalkPipelines()
    {
        var visited = new HashSet<Type>();
        Walk(typeof(ParseResult<EmitterModel>), visited);
        Walk(typeof(ParseResult<AttachModel>), visited);
        return visited;
    }

    private static void Walk(Type type, HashSet<Type> visited)
    {
        if (type.IsPrimitive || type == typeof(string) || type.IsEnum || !visited.Add(type))
        {
            return;
        }

        Assert.DoesNotContain(Forbidden, forbidden => forbidden.IsAssignableFrom(type));
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Walk(argument, visited);
            }
        }

        // Descriptors and text spans are immutable values Roslyn compares by content: allowed, not walked.
        if (type == typeof(DiagnosticDescriptor) || type.Namespace == "Microsoft.CodeAnalysis.Text")
        {
            return;
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            var fieldType = field.FieldType.IsArray ? field.FieldType.GetElementType()! : field.FieldType;
            Walk(fieldType, visited);
        }
    }

    [Fact]
    public void EquatableArray_compares_by_content()
    {
        var left = new EquatableArray<string>(["a", "b"]);
        var right = new EquatableArray<string>(["a", "b"]);
        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
        Assert.NotEqual(left, new EquatableArray<string>(["a"]));
    }
}
