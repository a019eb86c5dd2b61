#!/usr/bin/env bash
# Measures what Loopwire's analyzers cost a build, next to Microsoft.VisualStudio.Threading.Analyzers and
# Meziantou.Analyzer, in one compilation of generated, loop-driven code (>= 100,000 lines).
#
#   tests/AnalyzerCost/measure.sh [file count, default 520 (about 122,000 lines)]
#
# Every rule of the three packages that concerns blocking is switched on (Meziantou's MA0042/MA0045 and Loopwire's
# LW1006 are off by default). The compiler's -reportanalyzer output gives each analyzer assembly's and each
# analyzer type's time; the Csc task's time is the compile time. Not part of CI: timings never gate a build.
set -euo pipefail
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
files="${1:-520}"
work="$(mktemp -d "${TMPDIR:-/tmp}/loopwire-analyzer-cost.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "Building Loopwire's runtime and analyzers..." >&2
dotnet build "$repo/src/Analyzers/Loopwire.Analyzers.csproj" -c Release --artifacts-path "$work/artifacts" -v:q -nologo >&2
dotnet build "$repo/src/Runtime/Loopwire.csproj" -c Release -f net10.0 --artifacts-path "$work/artifacts" -v:q -nologo >&2

echo "Generating the compilation..." >&2
generated="$(dotnet run "$here/GenerateCode.cs" -- "$work/project/src" "$files")"

# The measured project lives outside the repository, so none of its build settings apply.
cat > "$work/project/AnalyzerCost.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>disable</ImplicitUsings>
    <Nullable>disable</Nullable>
    <!-- Only the three packages under comparison analyze this code. -->
    <EnableNETAnalyzers>false</EnableNETAnalyzers>
  </PropertyGroup>
  <ItemGroup>
    <Reference Include="Loopwire" HintPath="$work/artifacts/bin/Loopwire/release_net10.0/Loopwire.dll" />
    <Analyzer Include="$work/artifacts/bin/Loopwire.Analyzers/release/Loopwire.Analyzers.dll" />
    <PackageReference Include="Microsoft.VisualStudio.Threading.Analyzers" Version="18.12.1" PrivateAssets="all" />
    <PackageReference Include="Meziantou.Analyzer" Version="3.0.300" PrivateAssets="all" />
  </ItemGroup>
</Project>
PROJECT
cat > "$work/project/.editorconfig" <<'EDITORCONFIG'
root = true
[*.cs]
dotnet_diagnostic.MA0042.severity = warning
dotnet_diagnostic.MA0045.severity = warning
dotnet_diagnostic.VSTHRD002.severity = warning
dotnet_diagnostic.VSTHRD103.severity = warning
dotnet_diagnostic.LW1006.severity = warning
EDITORCONFIG

echo "Restoring and warming up..." >&2
dotnet build "$work/project/AnalyzerCost.csproj" -nologo -v:q >&2

echo "Measuring (a full rebuild with -p:ReportAnalyzer=true)..." >&2
log="$work/build.log"
dotnet build "$work/project/AnalyzerCost.csproj" -nologo --no-restore -t:Rebuild -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary > "$log"

awk -v generated="$generated" '
    # The compiler prints one table: assembly lines (three columns then "Name, Version=...") and, indented under
    # each, analyzer type lines ending with their rule IDs in parentheses.
    /Total analyzer execution time:/ { total = $(NF - 1); in_table = 1; next }
    /Total generator execution time:/ { in_table = 0 }
    in_table && /, Version=/ { name = $3; sub(/,$/, "", name); if (!(name in assembly)) { assembly[name] = $1; order[++count] = name } next }
    in_table && /\(/ && NF >= 4 { type = $3; ids = $0; sub(/^[^(]*\(/, "", ids); sub(/\).*$/, "", ids); if (!(type in seen)) { seen[type] = 1; time[type] = $1; rules[type] = ids; types[++ntypes] = type } next }
    /[0-9]+ ms  Csc / { csc = $1 / 1000 }
    END {
        split(generated, g, " ")
        printf "ANALYZERCOST %s %s compile_s=%.3f analyzers_total_s=%s\n", g[2], g[3], csc, total
        for (i = 1; i <= count; i++) {
            n = order[i]
            if (n ~ /^(Loopwire\.Analyzers|Microsoft\.VisualStudio\.Threading\.Analyzers(\.CSharp)?|Meziantou\.Analyzer)$/)
                printf "ASSEMBLY %-52s %8s s  %5.2f%% of compile\n", n, assembly[n], 100 * assembly[n] / csc
        }
        for (i = 1; i <= ntypes; i++) {
            t = types[i]
            if (rules[t] ~ /LW1|VSTHRD002|VSTHRD103|MA0042|MA0045/)
                printf "RULES %-34s %8s s  %5.2f%% of compile  %s\n", rules[t], time[t], 100 * time[t] / csc, t
        }
    }' "$log"
