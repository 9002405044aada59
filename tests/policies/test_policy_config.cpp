#include <doctest/doctest.h>

#include "core/error.h"
#include "learning/policies/policy_config.h"

using namespace learning::policies;

TEST_CASE("PolicyConfig: JSON round trip keeps every field") {
  PolicyConfig c;
  c.policy = "bins";
  c.encoder = EncoderKind::kTransformer;
  c.obsKeys = {"ego", "lane"};
  c.history = 8;
  c.chunk = 4;
  c.execute = 2;
  c.temporalEnsemble = true;
  c.ensembleDecay = 0.05;
  c.width = 64;
  c.depth = 3;
  c.attentionHeads = 2;
  c.bins = 41;
  c.binWarp = 2.0;
  c.binEmbedding = 8;
  c.mixtures = 3;
  c.logStdFloor = -3.5;
  c.flowLayers = 4;
  c.flowNoise = 0.01;
  c.flowSteps = 20;
  c.diffusionSteps = 50;
  c.diffusionSampler = "ddpm";
  c.ddimSteps = 5;
  c.latentDim = 2;
  c.klWeight = 0.5;
  c.temperature = 0.7;
  c.decode = DecodeKind::kMean;
  c.seed = 1234567890123ull;
  const PolicyConfig back = PolicyConfigFromJson(PolicyConfigToJson(c), "test");
  CHECK(back == c);
  CHECK_FALSE(back == PolicyConfig{});
}

TEST_CASE("PolicyConfig: fields absent from the JSON keep the base values") {
  PolicyConfig base;
  base.policy = "gmm";
  base.mixtures = 7;
  const PolicyConfig c = PolicyConfigFromJson(R"({"width": 32})", "test", base);
  CHECK(c.policy == "gmm");
  CHECK(c.mixtures == 7);
  CHECK(c.width == 32);
}

TEST_CASE("PolicyConfig: bad input is a core::Error naming the field") {
  // Fuzz finding: a number beyond double made nlohmann throw out_of_range past the JSON error handling.
  CHECK_THROWS_WITH_AS(PolicyConfigFromJson(R"({"width": 1e99999})", "f.json"), doctest::Contains("not valid JSON"),
                       core::Error);
  CHECK_THROWS_WITH_AS(PolicyConfigFromJson(R"({"widht": 32})", "f.json"),
                       doctest::Contains("unknown field \"widht\""), core::Error);
  CHECK_THROWS_WITH_AS(PolicyConfigFromJson(R"({"bins": 1})", "f.json"), doctest::Contains("\"bins\""), core::Error);
  CHECK_THROWS_WITH_AS(PolicyConfigFromJson(R"({"width": 3.5})", "f.json"), doctest::Contains("integer"),
                       core::Error);
  CHECK_THROWS_WITH_AS(PolicyConfigFromJson(R"({"chunk": 2, "execute": 3})", "f.json"),
                       doctest::Contains("exceeds chunk"), core::Error);
  CHECK_THROWS_WITH_AS(PolicyConfigFromJson(R"({"encoder": "rnn"})", "f.json"), doctest::Contains("rnn"),
                       core::Error);
  CHECK_THROWS_WITH_AS(PolicyConfigFromJson(R"({"decode": "greedy"})", "f.json"), doctest::Contains("greedy"),
                       core::Error);
  // diffusion: K ≤ T, T ≥ 2, K ≥ 1, a known sampler; each message names the value.
  CHECK_THROWS_WITH_AS(PolicyConfigFromJson(R"({"ddimSteps": 20, "diffusionSteps": 10})", "f.json"),
                       doctest::Contains("ddimSteps K = 20 exceeds diffusionSteps T = 10"), core::Error);
  CHECK_THROWS_WITH_AS(PolicyConfigFromJson(R"({"diffusionSteps": 1, "ddimSteps": 1})", "f.json"),
                       doctest::Contains("\"diffusionSteps\": value 1 is out of range"), core::Error);
  CHECK_THROWS_WITH_AS(PolicyConfigFromJson(R"({"ddimSteps": 0})", "f.json"),
                       doctest::Contains("\"ddimSteps\": value 0 is out of range"), core::Error);
  CHECK_THROWS_WITH_AS(PolicyConfigFromJson(R"({"diffusionSampler": "euler"})", "f.json"),
                       doctest::Contains("euler"), core::Error);
  CHECK_THROWS_WITH_AS(PolicyConfigFromJson(R"({"obsKeys": ["ego", "ego"]})", "f.json"), doctest::Contains("twice"),
                       core::Error);
  CHECK_THROWS_WITH_AS(PolicyConfigFromJson("[1, 2]", "f.json"), doctest::Contains("f.json"), core::Error);
  CHECK_THROWS_AS(PolicyConfigFromJson("{", "f.json"), core::Error);
  PolicyConfig c;
  c.encoder = EncoderKind::kTransformer;
  c.width = 30;
  c.attentionHeads = 4;
  CHECK_THROWS_WITH_AS(ValidatePolicyConfig(c, "here"), doctest::Contains("multiple of attentionHeads"), core::Error);
}
