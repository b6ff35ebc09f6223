// Creates, as disabled placeholders, the vault secrets the app's role assignments are
// scoped to, so the assignments have a scope on the very first deployment. Nothing real
// is ever written here:
//
//   - only the names NOT in existingSecretNames are created. An ARM deployment of a secret
//     always adds a new version, so declaring an existing secret would bury its real value
//     under a placeholder. infra/hooks/preprovision.* lists the vault's secrets before every
//     provision (azd env TELEHEALTH_VAULT_SECRETS) and postprovision.* records them again
//     afterwards;
//   - a placeholder is disabled: the app treats a disabled secret as absent, and a Key Vault
//     reference to it stays unresolved, exactly as before the secret existed. The
//     postprovision hook then stores the generated value as a new, enabled version; the
//     admin (or New-TelehealthAppRegistration.ps1) does the same for graph-client-secret;
//     the app's webhook rotation does it for webhook-secret-previous.

param keyVaultName string

@description('Every secret the app\'s role assignments are scoped to.')
param secretNames array

@description('Secrets the vault already has; they are never declared here.')
param existingSecretNames array = []

@secure()
@description('Value of the disabled placeholders: random per deployment, never used, never a secret.')
param placeholderValue string = newGuid()

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

var missing = filter(secretNames, name => !contains(existingSecretNames, name))

resource placeholders 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for name in missing: {
    parent: vault
    name: name
    tags: {
      placeholder: 'true'
      'created-by': 'infra/app/vault-secrets.bicep'
    }
    properties: {
      value: placeholderValue
      contentType: 'placeholder: disabled until a real value is stored'
      attributes: {
        enabled: false
      }
    }
  }
]

output created array = missing
