package org.civic311.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long personal data is kept once the record is finished (a request closed, a call ended, a
 *     message sent); the city's records schedule decides it, two years by default
 */
@ConfigurationProperties("civic311.privacy")
record PrivacyProperties(@DefaultValue("P730D") Duration retention) {}
