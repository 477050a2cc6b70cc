#include "sim/scenario/loader.h"

#include <algorithm>
#include <filesystem>

#include "sim/scenario/limits.h"
#include "sim/scenario/overrides.h"
#include "sim/scenario/scenario_reader.h"
#include "sim/scenario/text_file.h"
#include "sim/scenario/value_reader.h"
#include "sim/scenario/yaml_tree.h"

namespace ccsim::scenario {
namespace internal {
namespace {

// Diagnostics in the scenario file come first, in the order of the file; the others (--set,
// data files) follow in the order they were found.
void SortForReading(const std::string& scenario_file, Diagnostics* errors) {
  std::stable_sort(
      errors->begin(), errors->end(), [&scenario_file](const Diagnostic& a, const Diagnostic& b) {
        const bool a_in_file = a.where.file == scenario_file;
        const bool b_in_file = b.where.file == scenario_file;
        if (a_in_file != b_in_file) return a_in_file;
        if (!a_in_file) return false;
        return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
      });
}

void ApplyOverrides(const std::vector<std::string>& overrides, YamlNode* root,
                    Diagnostics* errors) {
  // When the scenario could not be parsed, overrides are still checked for their own form.
  YamlNode scratch;
  YamlNode* target = root != nullptr && (root->IsMap() || root->IsNull()) ? root : &scratch;
  for (const std::string& override : overrides) ApplyOverride(override, target, errors);
}

}  // namespace
}  // namespace internal

LoadResult LoadScenarioText(std::string_view text, const std::string& file_name,
                            const std::vector<std::string>& overrides) {
  using internal::YamlNode;
  LoadResult result;
  std::optional<YamlNode> root = internal::ParseYaml(text, file_name, &result.errors);
  internal::ApplyOverrides(overrides, root ? &*root : nullptr, &result.errors);
  if (root) {
    internal::ReadContext ctx;
    ctx.errors = &result.errors;
    ctx.base_dir = std::filesystem::path(file_name).parent_path().string();
    Scenario scenario = internal::ReadScenario(*root, ctx);
    if (result.errors.empty()) {
      scenario.source_file = file_name;
      scenario.source_text = std::string(text);
      scenario.overrides = overrides;
      result.scenario = std::move(scenario);
    }
  }
  internal::SortForReading(file_name, &result.errors);
  return result;
}

LoadResult LoadScenarioFile(const std::string& path, const std::vector<std::string>& overrides) {
  std::string reason;
  const std::optional<std::string> text = internal::ReadTextFile(path, kMaxScenarioBytes, &reason);
  if (!text) {
    LoadResult failed;
    Diagnostic& unreadable = failed.errors.emplace_back();
    unreadable.where.file = path;
    unreadable.message = "cannot read scenario file: " + reason;
    return failed;
  }
  return LoadScenarioText(*text, path, overrides);
}

}  // namespace ccsim::scenario
