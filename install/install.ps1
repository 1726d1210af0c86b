<#
.SYNOPSIS
  VProp bootstrap for a Windows VPS: makes sure Java 17+ is there, then runs `vprop install`.

.DESCRIPTION
  Run from the unpacked distribution in an elevated PowerShell, as the Windows user who runs MT5:
    powershell -ExecutionPolicy Bypass -File .\install.ps1 --profile ftmo-2step --account 5123456 --libzmq C:\path\libzmq.dll
  1. copies this distribution to "$env:ProgramFiles\VProp\<version>" and points the junction
     "$env:ProgramFiles\VProp\current" at it (upgrades swap the junction; the scheduled task never changes);
  2. uses Java 17+ from JAVA_HOME or PATH, else downloads the Eclipse Temurin 17 JRE from api.adoptium.net into
     <version>\jre, accepted only if its SHA-256 matches the checksum Adoptium publishes;
  3. runs `vprop install` with every argument passed through (see `bin\vprop.cmd install --help`).
  Safe to run again; an upgrade is the same command from the new distribution (docs/runbook.md).
#>
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Say([string]$m) { Write-Host "[vprop-install] $m" }

$Here = $PSScriptRoot
if (-not (Test-Path (Join-Path $Here 'lib')) -or -not (Test-Path (Join-Path $Here 'VERSION'))) {
    throw "run this from the unpacked VProp distribution (no lib\ or VERSION beside $PSCommandPath)"
}
$Version = (Get-Content (Join-Path $Here 'VERSION') -Raw).Trim()
if (-not $Version) { throw "$Here\VERSION is empty" }

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw "run this in an elevated PowerShell (Run as administrator): registering the scheduled task needs it"
}

$Prefix = Join-Path $env:ProgramFiles 'VProp'
$Dest = Join-Path $Prefix $Version
$Current = Join-Path $Prefix 'current'

if ($Here -ne $Dest) {
    New-Item -ItemType Directory -Force -Path $Dest | Out-Null
    Say "copying the distribution to $Dest"
    Copy-Item -Path (Join-Path $Here '*') -Destination $Dest -Recurse -Force
}
$link = Get-Item -LiteralPath $Current -ErrorAction SilentlyContinue
if (-not $link -or $link.Target -notcontains $Dest) {
    if ($link) { cmd /c rmdir "$Current" | Out-Null }
    New-Item -ItemType Junction -Path $Current -Target $Dest | Out-Null
    Say "$Current -> $Dest"
}

function Get-JavaMajor([string]$java) {
    try {
        $out = & $java -XshowSettings:properties -version 2>&1 | Out-String
        if ($out -match 'java\.specification\.version = (\d+)') { return [int]$Matches[1] }
    } catch { }
    return 0
}

$java = $null
$candidates = @()
if ($env:JAVA_HOME) { $candidates += (Join-Path $env:JAVA_HOME 'bin\java.exe') }
$onPath = Get-Command java.exe -ErrorAction SilentlyContinue
if ($onPath) { $candidates += $onPath.Source }
$candidates += (Join-Path $Dest 'jre\bin\java.exe')
foreach ($c in $candidates) {
    if ((Test-Path $c) -and ((Get-JavaMajor $c) -ge 17)) { $java = $c; break }
}

if (-not $java) {
    Say "no Java 17+ found: downloading the Temurin 17 JRE from api.adoptium.net"
    [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
    $api = 'https://api.adoptium.net/v3/assets/latest/17/hotspot?architecture=x64&image_type=jre&os=windows&vendor=eclipse'
    $asset = (Invoke-RestMethod -Uri $api -UseBasicParsing) | Select-Object -First 1
    $pkg = $asset.binary.package
    $zip = Join-Path $env:TEMP $pkg.name
    Invoke-WebRequest -Uri $pkg.link -OutFile $zip -UseBasicParsing
    $actual = (Get-FileHash -Algorithm SHA256 -Path $zip).Hash.ToLowerInvariant()
    if ($actual -ne $pkg.checksum.ToLowerInvariant()) {
        Remove-Item $zip -Force
        throw "the JRE download has SHA-256 $actual but Adoptium publishes $($pkg.checksum): not installed"
    }
    $unpack = Join-Path $env:TEMP ("vprop-jre-" + [Guid]::NewGuid())
    Expand-Archive -Path $zip -DestinationPath $unpack
    $top = Get-ChildItem $unpack | Select-Object -First 1
    $jre = Join-Path $Dest 'jre'
    if (Test-Path $jre) { Remove-Item $jre -Recurse -Force }
    Move-Item $top.FullName $jre
    Remove-Item $zip, $unpack -Recurse -Force
    $java = Join-Path $jre 'bin\java.exe'
}
Say "Java: $java (version $(Get-JavaMajor $java))"

& $java -cp "$Current\lib\*" io.vprop.cli.VpropCli install --app-dir $Current @args
exit $LASTEXITCODE
