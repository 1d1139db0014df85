package dev.modal4j.internal.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modal4j.functions.InputInfo;
import dev.modal4j.functions.InputStatus;
import dev.modal4j.proto.FunctionCallCallGraphInfo;
import dev.modal4j.proto.FunctionGetCallGraphResponse;
import dev.modal4j.proto.GenericResult.GenericStatus;
import dev.modal4j.proto.InputCallGraphInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CallGraphBuilderTest {
  @Test
  void rebuildsTheTreeAndSkipsOrphans() {
    FunctionGetCallGraphResponse response =
        FunctionGetCallGraphResponse.newBuilder()
            .addFunctionCalls(call("fc-root", "", "parent"))
            .addFunctionCalls(call("fc-child", "in-1", "child"))
            .addFunctionCalls(call("fc-orphan", "in-gone", "orphan"))
            .addInputs(input("in-1", "fc-root", GenericStatus.GENERIC_STATUS_SUCCESS))
            .addInputs(input("in-2", "fc-child", GenericStatus.GENERIC_STATUS_FAILURE))
            .addInputs(input("in-3", "fc-child", GenericStatus.GENERIC_STATUS_UNSPECIFIED))
            .addInputs(input("in-4", "fc-orphan", GenericStatus.GENERIC_STATUS_SUCCESS))
            .addInputs(input("in-5", "fc-unknown", GenericStatus.GENERIC_STATUS_SUCCESS))
            .build();

    List<InputInfo> roots = CallGraphBuilder.build(response);

    assertThat(roots).hasSize(1);
    InputInfo root = roots.get(0);
    assertThat(root.inputId()).isEqualTo("in-1");
    assertThat(root.functionName()).isEqualTo("parent");
    assertThat(root.status()).isEqualTo(InputStatus.SUCCESS);
    assertThat(root.children()).extracting(InputInfo::inputId).containsExactly("in-2", "in-3");
    assertThat(root.children())
        .extracting(InputInfo::status)
        .containsExactly(InputStatus.FAILURE, InputStatus.PENDING);
    assertThat(root.children().get(0).functionName()).isEqualTo("child");
    assertThat(root.children().get(0).moduleName()).isEqualTo("mod");
  }

  private static FunctionCallCallGraphInfo call(String id, String parent, String name) {
    return FunctionCallCallGraphInfo.newBuilder()
        .setFunctionCallId(id)
        .setParentInputId(parent)
        .setFunctionName(name)
        .setModuleName("mod")
        .build();
  }

  private static InputCallGraphInfo input(String id, String call, GenericStatus status) {
    return InputCallGraphInfo.newBuilder()
        .setInputId(id)
        .setFunctionCallId(call)
        .setStatus(status)
        .setTaskId("ta-1")
        .build();
  }
}
