using System.Collections.Generic;
using System.Linq;
using Loopwire.Generators.Helpers;
using Loopwire.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Loopwire.Generators;

/// <content>The parser: turns an <c>[EventEmitter]</c> class into an <see cref="EmitterModel"/> or diagnostics.</content>
public sealed partial class EmitterGenerator
{
    internal static class Parser
    {
        private static readonly SymbolDisplayFormat TypeFormat =
            SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly HashSet<string> ReservedTupleNames = ["Rest", "ToString", "GetHashCode", "Equals", "GetType", "CompareTo", "Deconstruct"];

        public static ParseResult<EmitterModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var declaration = (TypeDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();

            if (ClassRequirements.WhyNotAClass(type) is { } kind)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAClass, declaration.Identifier.GetLocation(), type.Name, kind));
                return Failed(diagnostics);
            }

            PartialDeclarations.Check(declaration, DiagnosticDescriptors.NotPartial, diagnostics);
            if (CompilerErrors.InConstraints(type))
            {
                return Failed(diagnostics);
            }

            var eventAttribute = context.SemanticModel.Compilation.GetTypeByMetadataName(EventAttributeName);
            var events = new List<(EventModel Model, IMethodSymbol Method)>();
            foreach (var member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is IMethodSymbol method && FindEventAttribute(method, eventAttribute) is { } attribute)
                {
                    if (ParseEvent(type, method, attribute, diagnostics, cancellationToken) is { } @event)
                    {
                        events.Add((@event, method));
                    }
                }
            }

            CheckDuplicates(events, diagnostics);
            CheckCollisions(type, diagnostics);
            if (diagnostics.Count > 0)
            {
                return Failed(diagnostics);
            }

            var error = events.FirstOrDefault(e => e.Model.IsError);
            var errorTakesException = error.Method is { Parameters.Length: 1 } errorMethod && TakesException(errorMethod.Parameters[0].Type, context.SemanticModel.Compilation);
            var model = new EmitterModel(HierarchyInfo.From(type), events.Select(e => e.Model).ToEquatableArray(), errorTakesException);
            return new ParseResult<EmitterModel>(model, EquatableArray<DiagnosticInfo>.Empty);
        }

        /// <summary>Reports an <c>[Event]</c> method whose type is not an emitter (LW2013); null when it is fine.</summary>
        public static DiagnosticInfo? ParseStrayEvent(GeneratorAttributeSyntaxContext context)
        {
            var method = (IMethodSymbol)context.TargetSymbol;
            var owner = method.ContainingType;
            var isEmitter = owner.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == EmitterAttributeName);
            return isEmitter
                ? null
                : DiagnosticInfo.Create(DiagnosticDescriptors.EventOutsideEmitter, method.Locations.FirstOrDefault(), method.Name, owner.Name);
        }

        private static ParseResult<EmitterModel> Failed(List<DiagnosticInfo> diagnostics) => new(null, diagnostics.ToEquatableArray());

        private static AttributeData? FindEventAttribute(IMethodSymbol method, INamedTypeSymbol? eventAttribute) =>
            eventAttribute is null
                ? null
                : method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, eventAttribute));

        private static EventModel? ParseEvent(
            INamedTypeSymbol emitter, IMethodSymbol method, AttributeData attribute, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            if (CompilerErrors.InParameters(method))
            {
                return null; // the compiler reports it; the other events are still generated
            }

            var location = method.Locations.FirstOrDefault();
            var errorsBefore = diagnostics.Count;
            var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as MethodDeclarationSyntax;

            // An extern partial method has no body but is an implementation, which the generated one would duplicate.
            var isPartialDefinition = syntax is not null
                && syntax.Modifiers.Any(SyntaxKind.PartialKeyword)
                && syntax.Body is null
                && syntax.ExpressionBody is null
                && !method.IsExtern
                && method.PartialImplementationPart is null;
            if (!isPartialDefinition)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartialDefinition, location, method.Name));
            }

            if (method.IsStatic)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StaticEvent, location, method.Name));
            }

            if (method.IsGenericMethod)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericEvent, location, method.Name));
            }

            if (method.ReturnsByRef || method.ReturnsByRefReadonly || !(method.ReturnsVoid || method.ReturnType.SpecialType == SpecialType.System_Boolean))
            {
                var returnLocation = syntax?.ReturnType.GetLocation() ?? location;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadReturnType, returnLocation, method.Name, method.ReturnType.ToDisplayString()));
            }

            if (method.IsVararg)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RefStructPayload, location, "__arglist", method.Name, "System.RuntimeArgumentHandle"));
            }

            if (method.Parameters.Length > MaxParameters)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyParameters, location, method.Name, method.Parameters.Length.ToString()));
            }

            var parameters = new List<ParameterModel>();
            foreach (var parameter in method.Parameters)
            {
                var parameterLocation = parameter.Locations.FirstOrDefault() ?? location;
                if (parameter.RefKind != RefKind.None)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ByRefParameter, parameterLocation, parameter.Name, method.Name));
                }

                var parameterType = parameter.Type;
                if (parameterType.IsRefLikeType || parameterType.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.RefStructPayload, parameterLocation, parameter.Name, method.Name, parameterType.ToDisplayString()));
                }
                else if (!PayloadAccessibility.IsVisibleWherever(parameterType, emitter))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.InaccessiblePayload, parameterLocation, parameter.Name, method.Name, parameterType.ToDisplayString(), emitter.Name));
                }

                parameters.Add(new ParameterModel(
                    Identifiers.Escape(parameter.Name),
                    parameterType.ToDisplayString(TypeFormat),
                    parameterType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                    parameter.IsParams));
            }

            var wireName = GetWireName(method, attribute, diagnostics, cancellationToken);
            if (diagnostics.Count > errorsBefore || wireName is null)
            {
                return null;
            }

            // The emit is not async: an async declaration is the compiler's error (CS1994) to report, not the generated code's.
            var modifiers = string.Join(
                " ", syntax!.Modifiers.Where(m => !m.IsKind(SyntaxKind.PartialKeyword) && !m.IsKind(SyntaxKind.AsyncKeyword)).Select(m => m.Text));
            var useTupleNames = method.Parameters.Length > 1 && method.Parameters.All(p => IsUsableTupleName(p.Name));
            return new EventModel(
                Identifiers.Escape(method.Name), wireName, modifiers, !method.ReturnsVoid, parameters.ToEquatableArray(), useTupleNames);
        }

        private static string? GetWireName(IMethodSymbol method, AttributeData attribute, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            var name = WireNames.Of(method, attribute);
            if (attribute.ConstructorArguments.Length == 0 || name is { Length: > 0 } && !char.IsWhiteSpace(name[0]) && !char.IsWhiteSpace(name[name.Length - 1]) && !name.Any(char.IsControl))
            {
                return name;
            }

            var argument = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
                ? syntax.ArgumentList.Arguments[0].GetLocation()
                : method.Locations.FirstOrDefault();
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidWireName, argument, method.Name, name ?? "null"));
            return null;
        }

        private static void CheckDuplicates(List<(EventModel Model, IMethodSymbol Method)> events, List<DiagnosticInfo> diagnostics)
        {
            var wireNames = new Dictionary<string, string>
            {
                ["newListener"] = "the built-in newListener event",
                ["removeListener"] = "the built-in removeListener event",
            };
            var methodNames = new HashSet<string>();
            foreach (var (model, method) in events)
            {
                var location = method.Locations.FirstOrDefault();
                if (wireNames.TryGetValue(model.WireName, out var owner))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateEvent, location, method.Name, "name", model.WireName, owner));
                }
                else
                {
                    wireNames.Add(model.WireName, $"event '{method.Name}'");
                }

                if (!methodNames.Add(method.Name))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateEvent, location, method.Name, "method name", method.Name, "another event"));
                }

                if (GeneratedNames.SurfaceMembers.Contains(method.Name))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.MemberCollision, location, $"Event '{method.Name}'", $"the member '{method.Name}' of the generated On, Listeners, Next and Events surfaces"));
                }

                if (method.Name == method.ContainingType.Name)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.MemberCollision, location, $"Event '{method.Name}'", "the name of its emitter class (C# forbids a member named like its class)"));
                }
            }
        }

        private static void CheckCollisions(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
        {
            // A base emitter's generated members are not in this compilation's input, so look for its attribute.
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (baseType.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == EmitterAttributeName))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.MemberCollision, type.Locations.FirstOrDefault(), $"'{type.Name}'", $"the members its base emitter '{baseType.Name}' already has (On, Listeners, Emit, ...)"));
                    return;
                }
            }

            foreach (var member in type.GetMembers().Where(m => m.Name.StartsWith(GeneratedNames.PrivatePrefix, StringComparison.OrdinalIgnoreCase)))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.MemberCollision, member.Locations.FirstOrDefault(), $"'{member.Name}'", $"the '{GeneratedNames.PrivatePrefix}' prefix Loopwire keeps for the members it generates on '{type.Name}'"));
            }

            foreach (var name in GeneratedNames.EmitterMembers)
            {
                foreach (var member in type.GetMembers(name).Where(m => !m.IsImplicitlyDeclared))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.MemberCollision, member.Locations.FirstOrDefault(), $"'{member.Name}'", $"the member '{name}' that Loopwire generates on '{type.Name}'"));
                }

                // An inherited member would be hidden, a warning that fails builds treating warnings as errors.
                for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
                {
                    foreach (var member in baseType.GetMembers(name).Where(m => m.DeclaredAccessibility != Microsoft.CodeAnalysis.Accessibility.Private))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.MemberCollision, type.Locations.FirstOrDefault(), $"Inherited '{baseType.Name}.{member.Name}'", $"the member '{name}' that Loopwire generates on '{type.Name}'"));
                    }
                }
            }
        }

        private static bool TakesException(ITypeSymbol type, Compilation compilation)
        {
            var exception = compilation.GetTypeByMetadataName("System.Exception");
            return exception is not null && compilation.ClassifyCommonConversion(exception, type) is { IsImplicit: true, IsUserDefined: false };
        }

        private static bool IsUsableTupleName(string name) =>
            !ReservedTupleNames.Contains(name)
            && !(name.StartsWith("Item", StringComparison.Ordinal) && name.Length > 4 && name.Substring(4).All(char.IsDigit));
    }
}
