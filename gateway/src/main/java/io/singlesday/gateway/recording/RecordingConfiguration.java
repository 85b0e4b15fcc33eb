package io.singlesday.gateway.recording;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;

/** Recording is off unless a file is named: {@code GATEWAY_RECORD_FILE=.festival/recordings/day.ndjson}. */
@Configuration
@ConditionalOnExpression("!'${festival.gateway.record-file:}'.isBlank()")
public class RecordingConfiguration {

    @Bean
    RecordingFile recordingFile(@Value("${festival.gateway.record-file}") String file, MeterRegistry meters) {
        return new RecordingFile(Path.of(file), meters);
    }

    @Bean
    RequestRecorder requestRecorder(RecordingFile file, JsonMapper json) {
        return new RequestRecorder(file, json);
    }
}
